package io.embryostream.launcher;

import io.embryostream.alerts.AlertDelivery;
import io.embryostream.alerts.UndeliverableReason;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The two topics {@code replay-dead-letters} puts records back from, how each says where a record came from, and
 * which reasons a replay can cure: only a cause outside the record (a consumer that did not know its schema yet, a
 * webhook that was down or misconfigured). A record that was itself bad fails the same way again.
 */
enum ReplaySource {

    /** The classifier's dead letters: the envelope carries the origin and the original bytes. */
    DEAD_LETTERS(Topics.DEAD_LETTERS) {
        @Override
        List<String> reasons() {
            return Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList();
        }

        @Override
        Optional<String> refusal(String reason) {
            return switch (DeadLetterReason.valueOf(reason)) {
                case UNKNOWN_SCHEMA -> Optional.empty();
                case LATE -> Optional.of("the time point was classified already or the embryo's culture had"
                        + " ended; put back, it would be late again (and the classifier never emits a time point twice)");
                default -> Optional.of("the record itself is bad; the same bytes fail the same way again. Re-ingest the export, or fix the producer (PRODUCER-CONTRACT.md)");
            };
        }

        @Override
        Letter letter(ConsumerRecord<String, byte[]> r) {
            DeadLetter d = Topics.DEAD_LETTERS.codec().decode(r.topic(), r.value());
            return new Letter(r.topic(), r.partition(), r.offset(), d.getReason().name(), d.getOriginTopic(), d.getOriginPartition(),
                    d.getOriginalKey() == null ? r.key() : utf8(d.getOriginalKey()), bytes(d.getOriginalValue()));
        }
    },

    /** Alerts the delivery gave up on: the original key and value, the reason and origin in headers. */
    UNDELIVERABLE_ALERTS(Topics.ALERTS_UNDELIVERABLE) {
        @Override
        List<String> reasons() {
            return Arrays.stream(UndeliverableReason.values()).map(Enum::name).toList();
        }

        @Override
        Optional<String> refusal(String reason) {
            if (!reasons().contains(reason)) {
                return Optional.of("the reason '" + reason + "' is unknown to this build; upgrade it first");
            }
            return Optional.empty(); // a webhook fixed, a secret rotated back, an upgraded reader: each can cure it
        }

        @Override
        Letter letter(ConsumerRecord<String, byte[]> r) {
            String origin = header(r, AlertDelivery.ORIGIN_HEADER);
            String reason = header(r, AlertDelivery.REASON_HEADER);
            int slash = origin == null ? -1 : origin.lastIndexOf('/');
            int at = origin == null ? -1 : origin.lastIndexOf('@');
            if (reason == null || slash < 0 || at < slash) {
                throw new IllegalArgumentException("no " + AlertDelivery.REASON_HEADER + "/" + AlertDelivery.ORIGIN_HEADER
                        + " headers saying why and from where (not written by alert delivery)");
            }
            return new Letter(r.topic(), r.partition(), r.offset(), reason, origin.substring(0, slash),
                    Integer.parseInt(origin.substring(slash + 1, at)), r.key(), r.value());
        }
    };

    final Topic<?> source;

    ReplaySource(Topic<?> source) {
        this.source = source;
    }

    /** Every reason code of this source. */
    abstract List<String> reasons();

    /** Why records dead-lettered for {@code reason} cannot succeed when put back; empty when they can. */
    abstract Optional<String> refusal(String reason);

    /**
     * The record read as a letter to replay.
     *
     * @throws EventDecodingException or IllegalArgumentException when it is no letter of this source
     */
    abstract Letter letter(ConsumerRecord<String, byte[]> r);

    /** One record to put back: where the letter is, why it was set aside, where and what to put back. */
    record Letter(String topic, int partition, long offset, String reason, String targetTopic, int targetPartition,
                  String key, byte[] value) {

        /** Where the letter is: {@code topic/partition@offset}, the key of its ledger entry. */
        String coordinates() {
            return topic + "/" + partition + "@" + offset;
        }

        /** Why putting it back cannot work whatever its reason: no catalog topic to go to, or a value this build cannot read. */
        Optional<String> unreadable() {
            Optional<Topic<?>> target = Topics.named(targetTopic);
            if (target.isEmpty() || targetPartition < 0) {
                return Optional.of("its origin '" + targetTopic + "' partition " + targetPartition
                        + " is not a topic of the catalog");
            }
            try {
                target.get().codec().decode(targetTopic, value);
                return Optional.empty();
            } catch (EventDecodingException e) {
                return Optional.of("this build still cannot read it: " + e.getMessage());
            }
        }
    }

    static String coordinates(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String utf8(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
