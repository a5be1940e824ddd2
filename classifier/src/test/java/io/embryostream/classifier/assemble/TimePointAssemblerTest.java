package io.embryostream.classifier.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.intake.AcceptedFrame;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.model.InferenceOptions;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembler alone, with a mock context. Its model reads planes −15, 0, +15: the real three-plane
 * parity model (the assembler only reads its plane list; no inference runs).
 */
class TimePointAssemblerTest {

    private MockProcessorContext<String, Object> context;
    private TimePointAssembler assembler;
    private ModelRegistry models;
    private ClassifierMetrics metrics;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        models = new ModelRegistry(TestModels.threePlaneParityModel(),
                new InferenceOptions(1, io.embryostream.model.ExecutionProvider.CPU, 8));
        registry = new SimpleMeterRegistry();
        metrics = new ClassifierMetrics(registry);
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000_000L);
        for (String name : List.of("embryo-state", "pending-planes")) {
            io.embryostream.classifier.StoreFixtures.store(name, context);
        }
        assembler = new TimePointAssembler("embryo-state", "pending-planes", models, metrics, 1.0,
                new io.embryostream.classifier.embryo.EmbryoLifetime(java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofHours(168), java.time.Duration.ofSeconds(30)), "ready", "dead");
        assembler.init(context);
    }

    @AfterEach
    void tearDown() {
        models.close();
    }

    private void frame(int tp, int plane) {
        timePoint(tp, plane);
    }

    /** One record carrying the given planes of a time point, as the ingest publishes them. */
    private void timePoint(int tp, int... planes) {
        FrameEvent e = SampleEvents.frame("e1", tp, planes[0]);
        TreeMap<Integer, byte[]> pixels = new TreeMap<>();
        for (int plane : planes) {
            byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
            java.util.Arrays.fill(px, (byte) (plane + 100));
            pixels.put(plane, px);
        }
        assembler.process(new Record<>("e1", new AcceptedFrame(e, pixels), 0L));
    }

    private long waitingPlanes() {
        KeyValueStore<String, ReadyTimePoint> store = context.getStateStore("pending-planes");
        return store.approximateNumEntries();
    }

    private List<ReadyTimePoint> ready() {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals("ready"))
                .map(f -> (ReadyTimePoint) f.record().value()).toList();
    }

    private List<DeadLetter> dead() {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals("dead"))
                .map(f -> (DeadLetter) f.record().value()).toList();
    }

    @Test
    void aTimePointLeavesWhenEveryPlaneTheModelReadsArrived() {
        frame(1, 15);
        frame(1, -15);
        assertThat(ready()).isEmpty();
        frame(1, 0);
        assertThat(ready()).singleElement().satisfies(tp -> {
            assertThat(tp.flags()).isEmpty();
            byte[][] g = tp.gray8(); // model order: -15, 0, +15
            assertThat(new int[] {g[0][0], g[1][0], g[2][0]}).containsExactly(85, 100, 115);
        });
    }

    @Test
    void planesWaitingInTheStoreAcrossARestartKeepTheirPixels() {
        frame(1, 15);
        frame(1, -15);
        assembler = new TimePointAssembler("embryo-state", "pending-planes", models, metrics, 1.0,
                new io.embryostream.classifier.embryo.EmbryoLifetime(java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofHours(168), java.time.Duration.ofSeconds(30)), "ready", "dead");
        assembler.init(context); // a restarted task: only the store is left
        frame(1, 0);
        assertThat(ready()).singleElement().satisfies(tp -> {
            byte[][] g = tp.gray8();
            assertThat(new int[] {g[0][0], g[1][0], g[2][0]}).containsExactly(85, 100, 115);
        });
    }

    @Test
    void aLaterCompleteTimePointReleasesAnEarlierOneWithTheNearestPlaneStandingIn() {
        frame(1, -15);
        frame(1, 0);
        frame(2, -15);
        frame(2, 0);
        frame(2, 15);

        assertThat(ready()).extracting(ReadyTimePoint::timePoint).containsExactly(1, 2);
        ReadyTimePoint first = ready().get(0);
        assertThat(first.flags()).containsExactly(PartialTimePoints.PLANE_SUBSTITUTED);
        assertThat(first.gray8()[2][0]).as("+15 missing: 0 is nearest").isEqualTo((byte) 100);
        assertThat(ready().get(1).flags()).isEmpty();
        assertThat(registry.get("embryo.time.points.plane.substituted").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aTimePointMissingAPlaneLeavesAfterTheCultureTimeout() {
        frame(1, 0); // hpi 0.25
        frame(4, 0); // hpi 1.0: 0.75 h later, inside the 1 h timeout
        assertThat(ready()).isEmpty();
        frame(6, 0); // hpi 1.5: tp 1 is 1.25 h behind
        assertThat(ready()).extracting(ReadyTimePoint::timePoint).containsExactly(1);
        assertThat(ready().get(0).flags()).containsExactly(PartialTimePoints.PLANE_SUBSTITUTED);
    }

    @Test
    void unusedPlanesAreCountedAndDroppedAndDuplicatesAreLate() {
        frame(1, 30);
        assertThat(context.forwarded()).isEmpty();
        frame(1, 0);
        frame(1, 0);
        assertThat(dead()).singleElement().satisfies(d -> assertThat(d.getReason()).isEqualTo(DeadLetterReason.LATE));
        frame(1, -15);
        frame(1, 15);
        frame(1, 15); // after the time point left: below the high-water mark
        assertThat(ready()).hasSize(1);
        assertThat(dead()).hasSize(2);
    }

    @Test
    void aTimePointInOneRecordLeavesAtOnceWithoutTheStore() {
        timePoint(1, 0, -15, 15, 45);
        assertThat(ready()).singleElement().satisfies(tp -> {
            assertThat(tp.flags()).isEmpty();
            byte[][] g = tp.gray8();
            assertThat(new int[] {g[0][0], g[1][0], g[2][0]}).containsExactly(85, 100, 115);
        });
        assertThat(waitingPlanes()).isZero();
        assertThat(registry.counter("embryo.frames.unused.plane").count()).isEqualTo(1);
        timePoint(1, -15, 0, 15);
        assertThat(dead()).singleElement().satisfies(d -> assertThat(d.getMessage()).contains("[-15, 0, 15]"));
    }

    @Test
    void aWholeTimePointAfterAPartialOneReleasesItInOrder() {
        frame(1, -15);
        timePoint(2, -15, 0, 15);
        assertThat(ready()).extracting(ReadyTimePoint::timePoint).containsExactly(1, 2);
        assertThat(ready().get(0).flags()).containsExactly(PartialTimePoints.PLANE_SUBSTITUTED);
        assertThat(ready().get(1).flags()).isEmpty();
        assertThat(waitingPlanes()).isZero();
    }

    @Test
    void aRecordWithSomePlanesJoinsThePlanesWaitingForItsTimePoint() {
        timePoint(1, -15, 15);
        assertThat(ready()).isEmpty();
        frame(1, 0);
        assertThat(ready()).singleElement().satisfies(tp -> assertThat(tp.flags()).isEmpty());
        timePoint(2, 0, 15);
        timePoint(2, 15, -15); // plane 15 is already waiting: a duplicate
        assertThat(dead()).singleElement().satisfies(d -> assertThat(d.getReason()).isEqualTo(DeadLetterReason.LATE));
    }
}
