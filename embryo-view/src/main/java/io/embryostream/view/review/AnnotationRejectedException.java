package io.embryostream.view.review;

/** A review that cannot be recorded as sent, with the HTTP status and what to fix. */
public final class AnnotationRejectedException extends RuntimeException {

    private final int status;

    public AnnotationRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
