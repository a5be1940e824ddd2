package io.embryostream.classifier.intake;

import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.codec.EventDecodingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead letters that carry the original bytes and where they came from. */
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
}
