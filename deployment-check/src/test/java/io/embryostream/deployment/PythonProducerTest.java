package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.topology.ClassifierTopology;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRODUCER-CONTRACT.md exercised by a producer that is not this project's Java: the Python incubator in
 * docs/examples/python-producer (Debian's python3-confluent-kafka and python3-avro) publishes a small set of
 * canonical frames to a real broker; the Java ingest's publisher publishes the same set. Both streams go
 * through the real classifier topology (its own config, a real exported model): the stage events are equal.
 */
class PythonProducerTest {

    private static final Path PRODUCER = RepoFiles.root().resolve("docs/examples/python-producer/incubator_producer.py");
    private static final String SECRET = "python-producer-test-secret-0123456789";
    private static final Instant INSEMINATION = Instant.parse("2026-01-15T08:00:00Z");
    private static final double INTERVAL_MINUTES = 10;
    private static final int EMBRYOS = 2;
    private static final int TIME_POINTS = 6;

    @TempDir
    Path work;

    @Test
    void stageEventsOfThePythonIncubatorEqualThoseOfTheJavaIngestForTheSameFrames() throws Exception {
        Path set = writeSet(work.resolve("set"));
        List<Record> python;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", PRODUCER.toString(), "--bootstrap-servers",
                    broker.bootstrapServers(), "--schemas", RepoFiles.root().resolve("schemas/src/main/avro").toString(),
                    set.toString()).redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).contains("published " + EMBRYOS * TIME_POINTS + " time points");
            python = records(broker);
        }
        List<Record> java = javaPublished();
        assertThat(python).hasSize(java.size());

        List<String> fromPython = classify(python);
        List<String> fromJava = classify(java);

        assertThat(fromPython).hasSize(EMBRYOS * TIME_POINTS).isEqualTo(fromJava);
    }

    private record Record(String topic, String key, byte[] value) {
    }

    /** Canonical frames, a disc whose shade changes with the time point, and the set's description. */
    private static Path writeSet(Path set) throws Exception {
        Files.createDirectories(set);
        StringBuilder embryos = new StringBuilder();
        for (int n = 0; n < EMBRYOS; n++) {
            Path folder = Files.createDirectories(set.resolve(Integer.toString(n)));
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                Files.write(folder.resolve(tp + "_F0.png"), CanonicalPng.encode(frame(n, tp)));
            }
            embryos.append(n == 0 ? "" : ",").append("{\"source\": \"py-incubator:S1:W0").append(n + 1)
                    .append("\", \"label\": \"S1 W0").append(n + 1).append("\"}");
        }
        Files.writeString(set.resolve("set.json"), "{\"secret\": \"" + SECRET + "\", \"insemination\": \"" + INSEMINATION
                + "\", \"intervalMinutes\": " + INTERVAL_MINUTES + ", \"embryos\": [" + embryos + "]}");
        return set;
    }

    private static byte[] frame(int embryo, int tp) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            int x = i % CanonicalFrame.SIZE - 128;
            int y = i / CanonicalFrame.SIZE - 128;
            px[i] = (byte) (x * x + y * y < (90 + 5 * embryo) * (90 + 5 * embryo) ? 30 + 25 * tp : 200);
        }
        return px;
    }

    /** What the Java ingest publishes for the same set: its one FramePublisher, the same secret and hours. */
    private List<Record> javaPublished() {
        List<Record> out = new ArrayList<>();
        FrameSink sink = new FrameSink() {
            @Override
            public void frame(FrameEvent frame) {
                out.add(new Record(Topics.FRAMES.name(), frame.getEmbryoId(), Topics.FRAMES.codec().encode(frame)));
            }

            @Override
            public void lifecycle(EmbryoLifecycle event) {
                out.add(new Record(Topics.LIFECYCLE.name(), event.getEmbryoId(), Topics.LIFECYCLE.codec().encode(event)));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        FramePublisher publisher = new FramePublisher(sink, new EmbryoIds(SECRET), Clock.systemUTC());
        for (int n = 0; n < EMBRYOS; n++) {
            FramePublisher.Embryo embryo = publisher.embryo("py-incubator:S1:W0" + (n + 1), "S1 W0" + (n + 1), "java");
            publisher.lifecycle(embryo, LifecycleState.STARTED, INSEMINATION, OptionalDouble.of(INTERVAL_MINUTES), true);
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                publisher.timePoint(embryo, List.of(new FramePublisher.CanonicalFrameEvent(tp, 0, tp * INTERVAL_MINUTES / 60,
                        HpiSource.DEVICE, INSEMINATION.plus(Duration.ofMinutes((long) (tp * INTERVAL_MINUTES))), frame(n, tp),
                        "S1 W0" + (n + 1) + "/" + tp + "_F0", null)));
            }
            publisher.lifecycle(embryo, LifecycleState.ENDED, INSEMINATION, OptionalDouble.of(INTERVAL_MINUTES), true);
        }
        return out;
    }

    private static List<Record> records(EmbeddedKafkaBroker broker) {
        List<Record> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "py-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FRAMES.name(), Topics.LIFECYCLE.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < EMBRYOS * (TIME_POINTS + 2) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    out.add(new Record(r.topic(), r.key(), r.value()));
                }
            }
        }
        // per embryo: the lifecycle before the frames, as the classifier would read them in time
        out.sort(java.util.Comparator.comparing(Record::key).thenComparing(r -> r.topic().equals(Topics.FRAMES.name())));
        return out;
    }

    /** The stage events the real topology emits: embryo, time point, stage and probabilities. */
    private List<String> classify(List<Record> records) throws Exception {
        Path model = RepoFiles.root().resolve("model/src/test/resources/parity-model");
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "dummy:9092", "model.dir", model.toString(),
                "classifier.state.dir", Files.createTempDirectory(work, "state").toString(), "inference.threads", "1"));
        ClassifierConfig config = new ClassifierConfig(s);
        Instant wall = Instant.parse("2026-01-15T10:00:00Z");
        try (ModelRegistry models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
             TopologyTestDriver driver = new TopologyTestDriver(ClassifierTopology.build(config.topologySettings(), models,
                     new ClassifierMetrics(new SimpleMeterRegistry())), config.streamsProperties(), wall)) {
            TestInputTopic<String, byte[]> frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestInputTopic<String, byte[]> lifecycle = driver.createInputTopic(Topics.LIFECYCLE.name(), new StringSerializer(),
                    new ByteArraySerializer());
            for (Record r : records) {
                (r.topic().equals(Topics.FRAMES.name()) ? frames : lifecycle).pipeInput(r.key(), r.value());
                driver.advanceWallClockTime(Duration.ofMillis(5));
            }
            for (int i = 0; i < 20; i++) {
                driver.advanceWallClockTime(Duration.ofMillis(50));
            }
            assertThat(driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                    Topics.DEAD_LETTERS.valueSerde().deserializer()).readValuesToList()).as("dead letters").isEmpty();
            return driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(),
                            Topics.STAGES.valueSerde().deserializer()).readValuesToList().stream()
                    .map(PythonProducerTest::stage).sorted().toList();
        }
    }

    private static String stage(StageEvent e) {
        return e.getEmbryoId() + " t" + e.getTimePoint() + " " + e.getStageName() + " " + e.getProbabilities();
    }
}
