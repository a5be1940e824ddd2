package io.embryostream.benchmarks;

import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads committed StageEvents ({@code read_committed}, so only what the classifier's transactions
 * committed counts) from the end of the stages topic as it was when the reader was opened: a run
 * sees its own events, not those of an earlier run on the same broker.
 */
final class StageEventReader implements AutoCloseable {

    private final KafkaConsumer<String, StageEvent> consumer;

    StageEventReader(String bootstrap) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4194304"),
                new StringDeserializer(), Topics.STAGES.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STAGES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the lazy seek now, before the run starts
    }

    /**
     * Hands each event to {@code sink} until {@code count} events were read or {@code timeout} passed;
     * returns how many were read.
     */
    long read(long count, Duration timeout, Consumer<StageEvent> sink) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long seen = 0;
        while (seen < count && System.currentTimeMillis() < deadline) {
            for (var r : consumer.poll(Duration.ofMillis(200))) {
                sink.accept(r.value());
                seen++;
            }
        }
        return seen;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
