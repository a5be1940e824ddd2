package io.embryostream.ingest.dataset;

/** A training set could not be written; the message names the frame or file and what to do. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
