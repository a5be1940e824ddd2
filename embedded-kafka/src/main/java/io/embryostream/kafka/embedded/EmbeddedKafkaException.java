package io.embryostream.kafka.embedded;

/** The embedded broker could not start, create topics or stop; the message says what to check. */
public class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
