package io.embryostream.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic the way tools and reports do: committed records only, every partition assigned, no consumer group
 * joined and nothing committed, so reading disturbs no service.
 */
public final class CommittedReader {

    private static final Duration POLL = Duration.ofMillis(300);

    private CommittedReader() {
    }

    /** A consumer with {@code client}'s settings, assigned every partition of {@code topic}, not yet positioned. */
    public static KafkaConsumer<String, byte[]> open(Map<String, ?> client, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            consumer.assign(consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Every committed record of {@code topic} up to its end when the read began, each partition in order, from the
     * first record written at or after {@code since} (null: from the beginning).
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static void readToEnd(Map<String, ?> client, String topic, Instant since, Duration timeout,
                                 Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = open(client, topic, timeout)) {
            List<TopicPartition> partitions = List.copyOf(consumer.assignment());
            consumer.seekToBeginning(partitions);
            if (since != null) {
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(p -> at.put(p, since.toEpochMilli()));
                consumer.offsetsForTimes(at, timeout).forEach((p, o) -> seek(consumer, p, o));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + timeout
                            + "; is the cluster reachable?");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }

    private static void seek(KafkaConsumer<?, ?> consumer, TopicPartition p, OffsetAndTimestamp o) {
        if (o == null) {
            consumer.seekToEnd(List.of(p)); // nothing that recent
        } else {
            consumer.seek(p, o.offset());
        }
    }
}
