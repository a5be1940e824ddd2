package io.embryostream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.assemble.PartialTimePoints;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real topology, built by the app's own method with its real config and a real exported model. */
class ClassifierTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private ModelRegistry models;
    private ClassifierMetrics metrics;
    private TestInputTopic<String, byte[]> frames;
    private TestInputTopic<String, byte[]> lifecycle;
    private TestOutputTopic<String, StageEvent> stages;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestOutputTopic<String, AlertEvent> alerts;
    private Instant wall = Instant.parse("2026-01-15T10:00:00Z");
    private Duration grace;

    @BeforeEach
    void start() {
        start(TestModels.parityModel());
    }

    private void start(Path model) {
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "dummy:9092", "model.dir", model.toString(),
                "classifier.state.dir", stateDir.toString(), "inference.threads", "1"));
        ClassifierConfig config = new ClassifierConfig(s);
        models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
        metrics = new ClassifierMetrics(new SimpleMeterRegistry());
        grace = Duration.ofSeconds(config.settings().getInt("embryo.end.grace.seconds"));
        driver = new TopologyTestDriver(ClassifierTopology.build(config.topologySettings(), models, metrics), config.streamsProperties(),
                wall);
        frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(), new ByteArraySerializer());
        lifecycle = driver.createInputTopic(Topics.LIFECYCLE.name(), new StringSerializer(), new ByteArraySerializer());
        stages = driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(),
                Topics.STAGES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                Topics.DEAD_LETTERS.valueSerde().deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), new StringDeserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        models.close();
    }

    private static byte[] canonicalPng(int shade) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            int x = i % CanonicalFrame.SIZE - 128;
            int y = i / CanonicalFrame.SIZE - 128;
            px[i] = (byte) (x * x + y * y < 100 * 100 ? shade : 200);
        }
        return CanonicalPng.encode(px);
    }

    private static FrameEvent frame(String embryo, int tp, int plane, byte[] png, int size) {
        FrameEvent e = SampleEvents.frame(embryo, tp, plane);
        e.setImage(Image.newBuilder().setData(ByteBuffer.wrap(png)).setEncoding(ImageEncoding.PNG).setWidth(size)
                .setHeight(size).build());
        e.setGroundTruth(null);
        return e;
    }

    private void pipe(FrameEvent e) {
        frames.pipeInput(e.getEmbryoId(), Topics.FRAMES.codec().encode(e));
    }

    private void tick(Duration d) {
        wall = wall.plus(d);
        driver.advanceWallClockTime(d);
    }

    @Test
    void everyTimePointGetsExactlyOneStageEventInOrder() {
        for (int tp = 1; tp <= 12; tp++) {
            pipe(frame("e1", tp, 0, canonicalPng(40 + tp), CanonicalFrame.SIZE));
            pipe(frame("e2", tp, 0, canonicalPng(90), CanonicalFrame.SIZE));
            tick(Duration.ofMillis(5));
        }
        for (int i = 0; i < 20; i++) {
            tick(Duration.ofMillis(50));
        }
        List<StageEvent> out = stages.readValuesToList();
        assertThat(out).hasSize(24);
        assertThat(out.stream().filter(e -> e.getEmbryoId().equals("e1")).map(StageEvent::getTimePoint))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(out).allSatisfy(e -> {
            assertThat(e.getProbabilities()).hasSize(3);
            assertThat(e.getModelId()).isEqualTo("parity-test");
            assertThat(e.getStageName()).isIn("pre-PB2", "PB2", "PN");
            assertThat(e.getLatency().getBatchSize()).isPositive();
        });
        assertThat(out.stream().mapToInt(e -> e.getLatency().getBatchSize()).max().orElseThrow())
                .as("time points of different embryos share batches").isGreaterThan(1);
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirReasonAndTheRecordsAroundThemGoOn() {
        byte[] unknownFingerprint = Topics.FRAMES.codec().encode(frame("e1", 2, 0, canonicalPng(50), 256));
        unknownFingerprint[4] ^= 0x33;
        byte[] corrupt = canonicalPng(60);
        corrupt[corrupt.length / 2] ^= 0x7F;
        corrupt = java.util.Arrays.copyOf(corrupt, corrupt.length / 2);

        pipe(frame("e1", 1, 0, canonicalPng(50), 256));
        frames.pipeInput("e1", "garbage".getBytes());
        frames.pipeInput("e1", unknownFingerprint);
        pipe(frame("e1", 3, 0, corrupt, 256));
        pipe(frame("e1", 4, 0, CanonicalPng.encode(new byte[64 * 64], 64, 64), 64));
        pipe(frame("e1", 5, 0, CanonicalPng.encode(new byte[64 * 64], 64, 64), 256)); // says 256, is 64
        pipe(frame("e1", 6, 7, canonicalPng(50), 256));
        pipe(frame("e1", 7, 0, canonicalPng(50), 256));
        pipe(frame("e1", 7, 0, canonicalPng(50), 256));
        for (int i = 0; i < 10; i++) {
            tick(Duration.ofMillis(50));
        }

        assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly(
                DeadLetterReason.UNDECODABLE, DeadLetterReason.UNKNOWN_SCHEMA, DeadLetterReason.CORRUPT_IMAGE,
                DeadLetterReason.WRONG_SIZE, DeadLetterReason.WRONG_SIZE, DeadLetterReason.UNKNOWN_PLANE,
                DeadLetterReason.LATE);
        assertThat(stages.readValuesToList()).extracting(StageEvent::getTimePoint).containsExactly(1, 7);
        assertThat(metrics.deadLetterCount(DeadLetterReason.LATE)).isEqualTo(1);
    }

    @Test
    void deadLettersCarryTheOriginalBytesAndWhereTheyCameFromAlsoInKafkaConnectsErrorHeaders() {
        frames.pipeInput("e9", "garbage".getBytes());
        pipe(frame("e9", 2, 7, canonicalPng(50), 256));
        var undecodable = deadLetters.readRecord();
        DeadLetter d = undecodable.value();
        assertThat(d.getOriginTopic()).isEqualTo(Topics.FRAMES.name());
        assertThat(d.getOriginOffset()).isZero();
        assertThat(new String(d.getOriginalValue().array())).isEqualTo("garbage");
        assertThat(d.getMessage()).contains(Topics.FRAMES.name());
        assertThat(header(undecodable.headers(), "__connect.errors.topic")).isEqualTo(Topics.FRAMES.name());
        assertThat(header(undecodable.headers(), "__connect.errors.partition")).isEqualTo("0");
        assertThat(header(undecodable.headers(), "__connect.errors.offset")).isEqualTo("0");
        assertThat(header(undecodable.headers(), "__connect.errors.exception.class.name"))
                .isEqualTo(io.embryostream.schemas.codec.EventDecodingException.class.getName());
        assertThat(header(undecodable.headers(), "__connect.errors.exception.message")).isEqualTo(d.getMessage());
        var unknownPlane = deadLetters.readRecord();
        assertThat(header(unknownPlane.headers(), "__connect.errors.offset")).isEqualTo("1");
        assertThat(header(unknownPlane.headers(), "__connect.errors.exception.class.name"))
                .as("a rule of the intake, not an exception of a library").endsWith("FrameIntake$Rejected");
        assertThat(header(unknownPlane.headers(), "embryo.deadletter.reason")).isEqualTo("UNKNOWN_PLANE");
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anEndedEmbryoTakesFramesTheEndOvertookThenReleasesItsStateAndRefusesLaterFrames() {
        for (int tp = 1; tp <= 4; tp++) {
            pipe(frame("gone", tp, 0, canonicalPng(50), 256));
        }
        // ENDED travels on its own topic and can be read before the embryo's last frames.
        lifecycle.pipeInput("gone", Topics.LIFECYCLE.codec().encode(lifecycleEvent("gone", LifecycleState.ENDED,
                false, null)));
        tick(Duration.ofSeconds(1));
        pipe(frame("gone", 5, 0, canonicalPng(50), 256));
        for (int i = 0; i < 10; i++) {
            tick(Duration.ofMillis(50));
        }
        assertThat(stages.readValuesToList()).extracting(StageEvent::getTimePoint).containsExactly(1, 2, 3, 4, 5);
        tick(grace.minusSeconds(5));
        assertThat(embryoState("gone").released).as("within the grace period after the last frame").isFalse();

        tick(Duration.ofSeconds(20));
        EmbryoState marker = embryoState("gone");
        assertThat(marker.released).isTrue();
        assertThat(marker.highWaterMark).isEqualTo(5);
        assertThat(marker.temporalState).isEmpty();
        for (String store : List.of(ClassifierTopology.PENDING_STORE, ClassifierTopology.PLANE_STORE,
                ClassifierTopology.EMBEDDING_STORE)) {
            assertThat(entries(store)).as(store).isZero();
        }
        assertThat(metrics.activeEmbryos()).isZero();

        pipe(frame("gone", 6, 0, canonicalPng(50), 256));
        tick(Duration.ofSeconds(1));
        assertThat(stages.readValuesToList()).as("a frame after the release starts nothing").isEmpty();
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(d -> {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.LATE);
            assertThat(d.getMessage()).contains("after the embryo's culture ended", "embryo.end.grace.seconds");
        });
    }

    @Test
    void aTimePointStillMissingPlanesWhenAnEndedEmbryoIsReleasedIsClassifiedWithStandIns() {
        driver.close();
        models.close();
        start(TestModels.threePlaneParityModel());
        for (int plane : List.of(-15, 0, 15)) {
            pipe(frame("gone", 1, plane, canonicalPng(50), 256));
        }
        pipe(frame("gone", 2, -15, canonicalPng(60), 256));
        pipe(frame("gone", 2, 0, canonicalPng(60), 256));
        lifecycle.pipeInput("gone", Topics.LIFECYCLE.codec().encode(lifecycleEvent("gone", LifecycleState.ENDED,
                false, null)));
        tick(Duration.ofSeconds(1));
        assertThat(stages.readValuesToList()).extracting(StageEvent::getTimePoint).containsExactly(1);

        tick(grace);
        tick(Duration.ofSeconds(10)); // housekeeping completes time point 2 and queues it
        tick(Duration.ofSeconds(1));
        assertThat(stages.readValuesToList()).singleElement().satisfies(e -> {
            assertThat(e.getTimePoint()).isEqualTo(2);
            assertThat(e.getFlags()).containsExactly(PartialTimePoints.PLANE_SUBSTITUTED);
        });
        tick(Duration.ofSeconds(10)); // the next housekeeping releases it
        assertThat(embryoState("gone").released).isTrue();
        assertThat(entries(ClassifierTopology.PLANE_STORE)).isZero();
    }

    private long entries(String store) {
        try (var it = driver.<String, Object>getKeyValueStore(store).all()) {
            long n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
    }

    private EmbryoState embryoState(String id) {
        KeyValueStore<String, EmbryoState> embryos = driver.getKeyValueStore(ClassifierTopology.EMBRYO_STORE);
        EmbryoState state = embryos.get(id);
        assertThat(state).as("state of %s", id).isNotNull();
        return state;
    }

    @Test
    void aSilentLiveStreamRaisesOneStalledAlert() {
        lifecycle.pipeInput("live", Topics.LIFECYCLE.codec().encode(lifecycleEvent("live", LifecycleState.STARTED,
                true, 1.0)));
        pipe(frame("live", 1, 0, canonicalPng(50), 256));
        tick(Duration.ofSeconds(1));
        assertThat(alerts.readValuesToList()).isEmpty();

        tick(Duration.ofMinutes(1));
        tick(Duration.ofSeconds(10));
        assertThat(alerts.readValuesToList()).as("3 intervals passed, but not the 2-minute floor").isEmpty();
        tick(Duration.ofMinutes(4));
        tick(Duration.ofMinutes(4));

        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AlertType.STALLED_STREAM);
            assertThat(a.getEvidence()).containsKey("silentMinutes");
        });
    }

    private static EmbryoLifecycle lifecycleEvent(String id, LifecycleState state, boolean live, Double interval) {
        return EmbryoLifecycle.newBuilder().setEmbryoId(id).setDisplayLabel("S1 P01").setState(state)
                .setEventTime(Instant.parse("2026-01-15T10:00:00Z")).setLive(live).setNominalIntervalMinutes(interval)
                .setSource("test").build();
    }
}
