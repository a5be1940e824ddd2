package io.embryostream.reliability;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.topology.ClassifierTopology;
import io.embryostream.config.Settings;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What the classifier committed, as the campaign's verifier reads it ({@code read_committed}, every partition from
 * the beginning to its end), and what a fault-free run of the same topology emits for the same inputs: one stage
 * per embryo and time point, and the transitions. Under faults the committed outputs must equal the fault-free ones.
 */
record CommittedOutputs(Map<String, List<Integer>> stages, List<String> transitionIds,
                        Map<String, String> transitions, List<String> deadLetterOrigins, long records) {

    /** Key of a stage: embryo and time point. */
    static String stageKey(String embryo, int timePoint) {
        return embryo + "#" + timePoint;
    }

    /** Reads every committed output of the cluster. */
    static CommittedOutputs read(String bootstrapServers, String isolation) {
        Map<String, List<Integer>> stages = new TreeMap<>();
        List<String> transitionIds = new ArrayList<>();
        Map<String, String> transitions = new TreeMap<>();
        List<String> dead = new ArrayList<>();
        long[] n = new long[1];
        readAll(bootstrapServers, isolation, Topics.STAGES.name(), r -> {
            StageEvent s = Topics.STAGES.codec().decode(r.topic(), r.value());
            stages.computeIfAbsent(stageKey(s.getEmbryoId(), s.getTimePoint()), k -> new ArrayList<>()).add(s.getStageIndex());
            n[0]++;
        });
        readAll(bootstrapServers, isolation, Topics.TRANSITIONS.name(), r -> {
            TransitionEvent t = Topics.TRANSITIONS.codec().decode(r.topic(), r.value());
            transitionIds.add(t.getTransitionId());
            transitions.put(t.getTransitionId(), describe(t));
            n[0]++;
        });
        readAll(bootstrapServers, isolation, Topics.DEAD_LETTERS.name(), r -> {
            DeadLetter d = Topics.DEAD_LETTERS.codec().decode(r.topic(), r.value());
            dead.add(d.getOriginPartition() + "@" + d.getOriginOffset() + " " + d.getReason());
            n[0]++;
        });
        return new CommittedOutputs(stages, transitionIds, transitions, dead, n[0]);
    }

    /** The outputs of the real topology, with the classifier's own config, on the same inputs and no fault. */
    static CommittedOutputs faultFree(List<FrameReplay.Input> inputs, Path model, Path work) throws Exception {
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "reference:9092", "model.dir", model.toString(),
                "classifier.state.dir", Files.createTempDirectory(work, "reference").toString(), "inference.threads", "1"));
        ClassifierConfig config = new ClassifierConfig(s);
        Map<String, List<Integer>> stages = new TreeMap<>();
        List<String> transitionIds = new ArrayList<>();
        Map<String, String> transitions = new TreeMap<>();
        List<String> dead = new ArrayList<>();
        try (ModelRegistry models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
             TopologyTestDriver driver = new TopologyTestDriver(ClassifierTopology.build(config.topologySettings(), models,
                     new ClassifierMetrics(new SimpleMeterRegistry())), config.streamsProperties(), Instant.now())) {
            TestInputTopic<String, byte[]> frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(),
                    new ByteArraySerializer());
            for (FrameReplay.Input in : inputs) {
                frames.pipeInput(in.key(), in.value());
                driver.advanceWallClockTime(Duration.ofMillis(5));
            }
            for (int i = 0; i < 20; i++) {
                driver.advanceWallClockTime(Duration.ofMillis(50));
            }
            driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(), Topics.STAGES.valueSerde().deserializer())
                    .readValuesToList().forEach(e -> stages.computeIfAbsent(stageKey(e.getEmbryoId(), e.getTimePoint()),
                            k -> new ArrayList<>()).add(e.getStageIndex()));
            driver.createOutputTopic(Topics.TRANSITIONS.name(), new StringDeserializer(),
                    Topics.TRANSITIONS.valueSerde().deserializer()).readValuesToList().forEach(t -> {
                        transitionIds.add(t.getTransitionId());
                        transitions.put(t.getTransitionId(), describe(t));
                    });
            driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                    Topics.DEAD_LETTERS.valueSerde().deserializer()).readValuesToList()
                    .forEach(d -> dead.add(d.getReason().name()));
        }
        return new CommittedOutputs(stages, transitionIds, transitions, dead, 0);
    }

    /** What must not differ between runs: the stage reached, and its onset. */
    private static String describe(TransitionEvent t) {
        return t.getStageName() + " from " + t.getPreviousStageName() + " at time point " + t.getOnsetTimePoint();
    }

    /** Every record of {@code topic} up to its end when the read began, with the given isolation level. */
    static void readAll(String bootstrapServers, String isolation, String topic,
                                Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }
}
