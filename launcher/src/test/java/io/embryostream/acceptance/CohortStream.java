package io.embryostream.acceptance;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.synthetic.simulate.SimulatedEmbryo;
import io.embryostream.synthetic.simulate.WellCamera;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An {@link OtherSeedCohort} streamed through the real pipeline on a broker: rendered by the synthetic incubator's
 * camera, published through the ingest's Kafka sink between STARTED and ENDED, classified by a {@link ClassifierApp},
 * and what it emitted read back {@code read_committed}. Shared by the confirmed-stage accuracy test and the stream
 * evaluation harness.
 */
final class CohortStream {

    private CohortStream() {
    }

    /** What the classifier said about one embryo: stage and probabilities per time point, its transitions. */
    static final class Received {
        final Map<Integer, String> provisional = new HashMap<>();
        final Map<Integer, List<Float>> probabilities = new HashMap<>();
        final ConfirmedStages confirmed = new ConfirmedStages();
        final List<TransitionEvent> transitions = new ArrayList<>();
    }

    /**
     * Renders and publishes each embryo's time points 1..last between a STARTED and an ENDED lifecycle event,
     * in the model's focal planes through the ingest's camera and Kafka sink; embryos in parallel, each in time
     * order. Returns frames sent.
     */
    static long publish(OtherSeedCohort cohort, List<Integer> planes, Map<String, Integer> lastPublished,
                        String bootstrap) throws Exception {
        WellCamera camera = new WellCamera(new EmbryoRenderer(RenderOptions.defaults()), planes);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (FrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap))) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (OtherSeedCohort.Embryo e : cohort.embryos()) {
                Callable<Integer> one = () -> {
                    SimulatedEmbryo embryo = e.embryo();
                    int last = lastPublished.get(e.id());
                    sink.lifecycle(lifecycle(embryo, LifecycleState.STARTED, cohort.intervalMinutes()));
                    for (int k = 1; k <= last; k++) {
                        sink.frame(camera.capture(embryo, k, cohort.hoursAt(k), Instant.now()));
                    }
                    sink.lifecycle(lifecycle(embryo, LifecycleState.ENDED, cohort.intervalMinutes()));
                    return last;
                };
                sent.add(pool.submit(one));
            }
            long frames = 0;
            for (Future<Integer> f : sent) {
                frames += f.get();
            }
            sink.flush();
            return frames;
        } finally {
            pool.shutdownNow();
        }
    }

    private static EmbryoLifecycle lifecycle(SimulatedEmbryo e, LifecycleState state, double intervalMinutes) {
        return EmbryoLifecycle.newBuilder().setEmbryoId(e.embryoId()).setDisplayLabel(e.well().displayLabel())
                .setState(state).setEventTime(Instant.now()).setInseminationTime(null)
                .setNominalIntervalMinutes(intervalMinutes).setLive(false).setSource(EmbryoRenderer.RENDERER_VERSION)
                .build();
    }

    /** A reader of the stage and transition topics from their current end (earlier runs' events are behind it). */
    static KafkaConsumer<String, byte[]> stagesAndTransitions(String bootstrap, String group) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.STAGES.name(), Topics.TRANSITIONS.name())) {
            c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position);
        return c;
    }

    /**
     * Runs {@code publishing} (null: the frames are on the topic already) beside a classifier of {@code config} until
     * {@code expectedStages} stage events and every transition committed with them are read, or {@code deadline}
     * (System.nanoTime) passes. Returns what each embryo of {@code received} got; fails on a second stage event for a
     * time point.
     */
    static int classify(ClassifierConfig config, String bootstrap, String readerGroup, Callable<Long> publishing,
                        Map<String, Received> received, int expectedStages, long deadline) throws Exception {
        int stages = 0;
        // The reader takes its position before the classifier starts: with frames already on the topic, the first
        // stage events can come within a second.
        try (KafkaConsumer<String, byte[]> consumer = stagesAndTransitions(bootstrap, readerGroup);
             ClassifierApp app = ClassifierApp.start(config)) {
            if (publishing != null) {
                publishing.call();
            }
            while (stages < expectedStages && System.nanoTime() < deadline) {
                stages += collect(consumer, received);
            }
            if (stages < expectedStages) {
                return stages;
            }
            // Confirmations are committed in the transaction of the stage event that made them: read up to there.
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(p -> consumer.position(p.getKey()) < p.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the transitions committed with the stage events were not read by the"
                            + " deadline");
                }
                collect(consumer, received);
            }
        }
        return stages;
    }

    /** One poll: this run's stage events and transitions into {@code received}. Returns the stage events read. */
    private static int collect(KafkaConsumer<String, byte[]> consumer, Map<String, Received> received) {
        int stages = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            Received embryo = received.get(r.key());
            if (embryo == null) {
                continue;
            }
            if (r.topic().equals(Topics.STAGES.name())) {
                StageEvent s = Topics.STAGES.codec().decode(r.topic(), r.value());
                String before = embryo.provisional.put(s.getTimePoint(), s.getStageName());
                if (before != null) {
                    throw new AssertionError("a second stage event for " + r.key() + " time point " + s.getTimePoint());
                }
                embryo.probabilities.put(s.getTimePoint(), s.getProbabilities());
                stages++;
            } else {
                TransitionEvent t = Topics.TRANSITIONS.codec().decode(r.topic(), r.value());
                embryo.confirmed.confirm(t.getOnsetTimePoint(), t.getStageName());
                embryo.transitions.add(t);
            }
        }
        return stages;
    }

    static int argmax(List<Float> p) {
        int best = 0;
        for (int k = 1; k < p.size(); k++) {
            if (p.get(k) > p.get(best)) {
                best = k;
            }
        }
        return best;
    }
}
