package io.embryostream.view.report;

import io.embryostream.topics.CommittedReader;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import io.embryostream.view.timeline.EmbryoTimeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every embryo's transitions, alerts and reviews as they stand now, read from the topics to their
 * current end (no consumer group, nothing committed) and folded by the same {@link EmbryoTimeline}
 * code the live view uses. For a report, which should not depend on a view being up.
 */
public final class TopicSnapshot {

    private static final Logger log = LoggerFactory.getLogger(TopicSnapshot.class);

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
        Map<String, String> client = new HashMap<>(clientSettings);
        client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        int[] skipped = new int[1];
        CommittedReader.readToEnd(client, topic.name(), null, timeout, r -> {
            try {
                fold.accept(r.key(), topic.codec().decode(topic.name(), r.value()));
            } catch (RuntimeException e) {
                skipped[0]++;
                log.warn("Skipping {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        });
        if (skipped[0] > 0) {
            log.warn("{} records of {} could not be read and are not in the report", skipped[0], topic.name());
        }
    }
}
