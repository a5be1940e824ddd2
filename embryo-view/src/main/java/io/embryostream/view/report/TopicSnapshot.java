package io.embryostream.view.report;

import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import io.embryostream.view.timeline.EmbryoTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every embryo's transitions, alerts and reviews as they stand now, read from the topics to their
 * current end (no consumer group, nothing committed) and folded by the same {@link EmbryoTimeline}
 * code the live view uses. For a report, which should not depend on a view being up.
 */
public final class TopicSnapshot {

    private static final Logger log = LoggerFactory.getLogger(TopicSnapshot.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private TopicSnapshot() {
    }

    /** Timelines by embryo id; stage points are not read (the report needs onsets only). */
    public static Map<String, EmbryoTimeline> read(Map<String, String> clientSettings, Duration timeout) {
        Map<String, EmbryoTimeline> timelines = new TreeMap<>();
        // Transitions first: reviews are folded after the transitions they review, as in the live view.
        readTopic(clientSettings, Topics.TRANSITIONS, timeout, (id, t) -> timeline(timelines, id).apply(t, 0));
        readTopic(clientSettings, Topics.ALERTS, timeout, (id, a) -> timeline(timelines, id).apply(a));
        readTopic(clientSettings, Topics.ANNOTATIONS, timeout, (id, a) -> timeline(timelines, id).apply(a, 0));
        return timelines;
    }

    private static EmbryoTimeline timeline(Map<String, EmbryoTimeline> timelines, String id) {
        return timelines.computeIfAbsent(id, EmbryoTimeline::new);
    }

    private static <V extends SpecificRecord> void readTopic(Map<String, String> clientSettings, Topic<V> topic,
                                                              Duration timeout, BiConsumer<String, V> fold) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long deadline = System.nanoTime() + timeout.toNanos();
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name(), timeout).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic.name() + " took longer than " + timeout
                            + "; is the cluster reachable? Partitions left: " + end.keySet());
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    try {
                        fold.accept(r.key(), topic.codec().decode(topic.name(), r.value()));
                    } catch (RuntimeException e) {
                        skipped++;
                        log.warn("Skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        if (skipped > 0) {
            log.warn("{} records of {} could not be read and are not in the report", skipped, topic.name());
        }
    }
}
