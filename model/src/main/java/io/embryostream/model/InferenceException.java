package io.embryostream.model;

/** ONNX Runtime failed to open or run a model graph. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
