package io.embryostream.model;

/** model.json (or a graph it names) is missing, malformed or inconsistent; the message says what to fix. */
public class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
