package io.embryostream.ingest.publish;

/** Frames could not be published; the message says what to check. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
