package io.embryostream.ingest.source;

import io.embryostream.frames.FramePlanes;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads what is on the shared embedded broker, from the beginning up to the current end. */
final class BrokerRecords {

    private BrokerRecords() {
    }

    static String bootstrap() {
        return SharedEmbeddedKafka.broker().bootstrapServers();
    }

    /** Every record of {@code topic} whose key is in {@code keys}, in partition order. */
    static <V extends SpecificRecord> List<V> values(Topic<V> topic, Set<String> keys) {
        List<V> out = new ArrayList<>();
        readAll(topic.name(), r -> {
            if (r.key() != null && keys.contains(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                out.add(topic.codec().decode(topic.name(), r.value()));
            }
        });
        return out;
    }

    /**
     * The frames of {@code keys} one per plane, as a device would publish them (the ingest sends a time
     * point's planes in one record), in partition order.
     */
    static List<FrameEvent> framesPerPlane(Set<String> keys) {
        return values(Topics.FRAMES, keys).stream().flatMap(f -> FramePlanes.perPlane(f).stream()).toList();
    }

    /** Every record of {@code topic} as raw bytes, up to the end offsets at the time of the call. */
    static void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /**
     * Reads {@code topic} as a downstream consumer group would and commits its offsets, so the
     * broker's internal {@code __consumer_offsets} topic holds what such a group leaves behind.
     */
    static void consumeAsGroup(String topic, String groupId) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            int records = 0;
            while (records == 0 && System.currentTimeMillis() < deadline) {
                records += consumer.poll(Duration.ofMillis(300)).count();
            }
            consumer.commitSync();
        }
    }

    static Set<String> topics() throws Exception {
        try (Admin admin = SharedEmbeddedKafka.broker().admin()) {
            return admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        }
    }

}
