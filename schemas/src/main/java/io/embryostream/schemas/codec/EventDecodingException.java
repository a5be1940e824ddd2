package io.embryostream.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value on a topic that cannot be read as the event type the topic carries. Extends Kafka's
 * {@link SerializationException} so clients surface it as a record deserialization error; the
 * classifier decodes inside a processor instead and turns it into a dead letter with {@link #reason()}.
 */
public class EventDecodingException extends SerializationException {

    /** Why a payload could not be read. */
    public enum Reason {
        /** Not Avro single-object encoding at all, or a body that does not parse. */
        UNDECODABLE,
        /** Well-formed, but written with a schema this build does not know (upgrade this consumer). */
        UNKNOWN_SCHEMA
    }

    private final Reason reason;
    private final String topic;

    public EventDecodingException(Reason reason, String topic, String message, Throwable cause) {
        super("topic " + topic + ": " + message, cause);
        this.reason = reason;
        this.topic = topic;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
