package io.embryostream.classifier.intake;

import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.codec.EventDecodingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead letters that carry the original bytes and where they came from, and the Kafka Connect
 * error headers that say the same, so generic dead-letter tooling reads them without this project's schema.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The dead-letter reason of a record the codec could not read. */
    public static DeadLetterReason reasonFor(EventDecodingException e) {
        return e.reason() == EventDecodingException.Reason.UNKNOWN_SCHEMA
                ? DeadLetterReason.UNKNOWN_SCHEMA : DeadLetterReason.UNDECODABLE;
    }

    public static DeadLetter of(DeadLetterReason reason, String message, RecordMetadata origin, String key,
                                byte[] value, long nowMillis) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage(message)
                .setOriginTopic(origin == null ? "" : origin.topic())
                .setOriginPartition(origin == null ? -1 : origin.partition())
                .setOriginOffset(origin == null ? -1 : origin.offset())
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setEventTime(Instant.ofEpochMilli(nowMillis))
                .build();
    }

    /** Kafka Connect's names for a dead letter's origin and cause ({@code errors.deadletterqueue.context.headers.enable}). */
    public static final String TOPIC_HEADER = "__connect.errors.topic";
    public static final String PARTITION_HEADER = "__connect.errors.partition";
    public static final String OFFSET_HEADER = "__connect.errors.offset";
    public static final String EXCEPTION_CLASS_HEADER = "__connect.errors.exception.class.name";
    public static final String EXCEPTION_MESSAGE_HEADER = "__connect.errors.exception.message";
    /** Not Connect's: the dead letter's reason, for filtering without decoding. */
    public static final String REASON_HEADER = "embryo.deadletter.reason";

    /**
     * The dead letter's headers as Kafka Connect writes them; {@code cause} is the exception class that
     * rejected the record, or null where a rule rejected it without one (the header is then left out).
     */
    public static Headers connectHeaders(DeadLetter d, Class<?> cause) {
        RecordHeaders h = new RecordHeaders();
        h.add(TOPIC_HEADER, utf8(d.getOriginTopic()));
        h.add(PARTITION_HEADER, utf8(Integer.toString(d.getOriginPartition())));
        h.add(OFFSET_HEADER, utf8(Long.toString(d.getOriginOffset())));
        if (cause != null) {
            h.add(EXCEPTION_CLASS_HEADER, utf8(cause.getName()));
        }
        h.add(EXCEPTION_MESSAGE_HEADER, utf8(d.getMessage()));
        h.add(REASON_HEADER, utf8(d.getReason().name()));
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
