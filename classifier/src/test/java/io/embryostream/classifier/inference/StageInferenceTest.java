package io.embryostream.classifier.inference;

import io.embryostream.classifier.decode.Decoding;
import io.embryostream.classifier.embryo.EmbryoLifetime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.classifier.TestModels;
import io.embryostream.classifier.alerts.AlertThresholds;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.model.ExecutionProvider;
import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelMetadata;
import io.embryostream.model.TransformerWindowModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The inference processor alone with a mock context and the real parity model: several time points
 * of one embryo in one batch, both temporal heads, and a restart from the pending store. Punctuators
 * are fired by hand.
 */
class StageInferenceTest {

    private static final InferenceOptions OPTIONS = new InferenceOptions(1, ExecutionProvider.CPU, 64);
    private static final Duration DEADLINE = Duration.ofMillis(20);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final List<String> storeNames = List.of("embryo-state", "pending-planes", "pending-time-points",
            "recent-embeddings");
    private final List<KeyValueStore<String, ?>> stores = new ArrayList<>();
    private ModelRegistry models;
    private ModelMetadata model;
    private MockProcessorContext<String, org.apache.avro.specific.SpecificRecord> context;
    private long wall = 1_000_000L;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ClassifierMetrics metrics = new ClassifierMetrics(meters);

    @BeforeEach
    void setUp() {
        models = new ModelRegistry(TestModels.parityModel(), OPTIONS);
        model = models.newest();
        MockProcessorContext<Void, Void> first = new MockProcessorContext<>();
        for (String name : storeNames) {
            stores.add(io.embryostream.classifier.StoreFixtures.store(name, first));
        }
    }

    @AfterEach
    void tearDown() {
        models.close();
    }

    /** A fresh processor on the same stores: what a restarted task sees after restoring its changelogs. */
    private StageInference start(String head) {
        return start(head, new FrameInterval(true, 0.25));
    }

    private StageInference start(String head, FrameInterval interval) {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(wall);
        stores.forEach(context::addStateStore);
        StageInference p = new StageInference(new StageInference.Wiring("embryo-state", "pending-time-points",
                "pending-planes", "recent-embeddings", "stages", "transitions", "alerts"),
                new StageInference.Tuning(head, new Batching(64, DEADLINE, Duration.ofMillis(5)), new Decoding(4, 2),
                        AlertThresholds.from(Settings.resolve(AlertThresholds.defaults(), null, Map.of(), Map.of())),
                        new EmbryoLifetime(Duration.ofSeconds(10), Duration.ofHours(168), GRACE), interval, 500),
                models, metrics);
        p.init(context);
        return p;
    }

    @SuppressWarnings("unchecked")
    private KeyValueStore<String, EmbryoState> embryos() {
        return (KeyValueStore<String, EmbryoState>) stores.get(0);
    }

    private void accept(StageInference p, String embryo, int from, int to) {
        if (embryos().get(embryo) == null) {
            EmbryoState s = new EmbryoState();
            s.modelVersion = model.version();
            embryos().put(embryo, s);
        }
        for (int tp = from; tp <= to; tp++) {
            byte[] px = pixels(embryo, tp);
            p.process(new Record<>(embryo, new ReadyTimePoint(embryo, embryo, tp, hours(tp), wall, -1, List.of(),
                    new byte[][] {px}), wall));
        }
    }

    /** Frames that differ per embryo and time point, so a context from the wrong predecessor shows. */
    private static byte[] pixels(String embryo, int tp) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        int radius = 40 + 6 * tp + 10 * embryo.length();
        for (int i = 0; i < px.length; i++) {
            int x = i % CanonicalFrame.SIZE - 128;
            int y = i / CanonicalFrame.SIZE - 128;
            px[i] = (byte) (x * x + y * y < radius * radius ? 60 + 9 * (tp % 7) : 190);
        }
        return px;
    }

    private static double hours(int tp) {
        return 2 + 0.25 * tp;
    }

    /** Fires the housekeeping punctuator at {@code millis} after the current wall time. */
    private void housekeepingAfter(long millis) {
        wall += millis;
        context.setCurrentSystemTimeMs(wall);
        context.scheduledPunctuators().get(1).getPunctuator().punctuate(wall);
    }

    /** A lifecycle event as the topology delivers it: recorded in the embryo's state beside inference. */
    private void lifecycle(StageInference p, String embryo, io.embryostream.schemas.LifecycleState state) {
        MockProcessorContext<Void, Void> recorderContext = new MockProcessorContext<>();
        recorderContext.setCurrentSystemTimeMs(wall);
        stores.forEach(recorderContext::addStateStore);
        io.embryostream.classifier.embryo.EmbryoLifecycleRecorder recorder =
                new io.embryostream.classifier.embryo.EmbryoLifecycleRecorder("embryo-state");
        recorder.init(recorderContext);
        recorder.process(new Record<>(embryo, io.embryostream.schemas.EmbryoLifecycle.newBuilder().setEmbryoId(embryo)
                .setDisplayLabel(embryo).setState(state).setEventTime(java.time.Instant.ofEpochMilli(wall))
                .setLive(false).setSource("test").build(), wall));
    }

    /** Fires the inference punctuator after the batch deadline. */
    private void punctuate() {
        wall += DEADLINE.toMillis();
        context.setCurrentSystemTimeMs(wall);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(wall);
    }

    private List<io.embryostream.schemas.StageEvent> stageEvents() {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals("stages"))
                .map(f -> (io.embryostream.schemas.StageEvent) f.record().value()).toList();
    }

    private float[][] embeddings(String embryo, int from, int to) {
        List<byte[][]> frames = new ArrayList<>();
        for (int tp = from; tp <= to; tp++) {
            frames.add(new byte[][] {pixels(embryo, tp)});
        }
        try (FrameEncoder encoder = new FrameEncoder(model, OPTIONS)) {
            return encoder.encode(frames);
        }
    }

    /** Reference: the LSTM stepped one time point per call, state carried by hand. */
    private List<float[]> lstmReference(String embryo, int to) {
        float[][] e = embeddings(embryo, 1, to);
        List<float[]> out = new ArrayList<>();
        try (LstmStepModel lstm = new LstmStepModel(model, OPTIONS)) {
            float[] state = lstm.initialState();
            for (int tp = 1; tp <= to; tp++) {
                LstmStepModel.StepOutput o = lstm.step(new float[][] {e[tp - 1]}, new float[] {(float) hours(tp)},
                        new float[][] {state});
                out.add(o.probabilities()[0]);
                state = o.states()[0];
            }
        }
        return out;
    }

    private static void assertProbabilities(List<io.embryostream.schemas.StageEvent> events, List<float[]> expected) {
        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<Float> p = events.get(i).getProbabilities();
            for (int c = 0; c < p.size(); c++) {
                assertThat(p.get(c)).as("time point %d class %d", i + 1, c).isCloseTo(expected.get(i)[c], within(1e-5f));
            }
        }
    }

    private List<io.embryostream.schemas.StageEvent> of(String embryo) {
        return stageEvents().stream().filter(e -> e.getEmbryoId().equals(embryo)).toList();
    }

    @Test
    void timePointsOfOneEmbryoInOneBatchContinueFromEachOther() {
        StageInference p = start("lstm");
        accept(p, "ab", 1, 6);
        accept(p, "abcd", 1, 6);
        punctuate();

        List<io.embryostream.schemas.StageEvent> all = stageEvents();
        assertThat(all).hasSize(12).allSatisfy(e -> assertThat(e.getLatency().getBatchSize()).isEqualTo(12));
        assertThat(of("ab")).extracting(io.embryostream.schemas.StageEvent::getTimePoint).containsExactly(1, 2, 3, 4, 5, 6);
        assertProbabilities(of("ab"), lstmReference("ab", 6));
        assertProbabilities(of("abcd"), lstmReference("abcd", 6));
        try (KeyValueIterator<String, ?> pending = stores.get(2).all()) {
            assertThat(pending.hasNext()).as("pending entries left after emitting").isFalse();
        }
    }

    @Test
    void aRestartedTaskEmitsExactlyItsPendingTimePointsAndContinuesFromTheStoredState() {
        StageInference first = start("lstm");
        accept(first, "ab", 1, 4);
        punctuate();
        accept(first, "ab", 5, 7);
        // The commit after process() made these three pending; the task dies before its punctuator runs.
        first.close();
        List<io.embryostream.schemas.StageEvent> before = stageEvents();

        start("lstm");
        punctuate();
        List<io.embryostream.schemas.StageEvent> after = stageEvents();

        assertThat(before).extracting(io.embryostream.schemas.StageEvent::getTimePoint).containsExactly(1, 2, 3, 4);
        assertThat(after).extracting(io.embryostream.schemas.StageEvent::getTimePoint).containsExactly(5, 6, 7);
        List<float[]> reference = lstmReference("ab", 7);
        assertProbabilities(before, reference.subList(0, 4));
        assertProbabilities(after, reference.subList(4, 7));
    }

    @Test
    void theTransformerHeadClassifiesEachTimePointFromItsWindowAndStoresOnlyWhatTheNextNeeds() {
        int window = model.window().timePoints();
        int to = window + 4;
        StageInference p = start("transformer");
        accept(p, "ab", 1, 5);
        punctuate();
        accept(p, "ab", 6, to);
        punctuate();

        float[][] e = embeddings("ab", 1, to);
        List<float[][]> windows = new ArrayList<>();
        List<float[]> hours = new ArrayList<>();
        for (int tp = 1; tp <= to; tp++) {
            int start = Math.max(1, tp - window + 1);
            windows.add(Arrays.copyOfRange(e, start - 1, tp));
            float[] h = new float[tp - start + 1];
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) hours(start + i);
            }
            hours.add(h);
        }
        float[][] expected;
        try (TransformerWindowModel transformer = new TransformerWindowModel(model, OPTIONS)) {
            expected = transformer.classify(windows, hours);
        }
        assertProbabilities(of("ab"), List.of(expected));

        List<Integer> stored = new ArrayList<>();
        try (KeyValueIterator<String, ?> it = stores.get(3).all()) {
            it.forEachRemaining(kv -> stored.add(StoreKeys.timePointOf(kv.key)));
        }
        assertThat(stored).as("one entry per time point, the newest window − 1").hasSize(window - 1)
                .containsExactly(java.util.stream.IntStream.rangeClosed(to - window + 2, to).boxed().toArray(Integer[]::new));
        assertThat(embryos().get("ab").temporalHead).isEqualTo(ModelMetadata.TRANSFORMER);
    }

    @Test
    void anEmbryoStaysOnTheHeadItStartedWith() {
        StageInference lstmTask = start("lstm");
        accept(lstmTask, "ab", 1, 3);
        punctuate();
        lstmTask.close();

        StageInference transformerTask = start("transformer");
        accept(transformerTask, "ab", 4, 6);
        punctuate();

        assertProbabilities(of("ab"), lstmReference("ab", 6).subList(3, 6));
        assertThat(embryos().get("ab").temporalHead).isEqualTo(ModelMetadata.LSTM);
        try (KeyValueIterator<String, ?> it = stores.get(3).all()) {
            assertThat(it.hasNext()).as("no embeddings stored for an LSTM embryo").isFalse();
        }
    }

    @Test
    void anEndedEmbryoIsReleasedAfterTheGracePeriodLeavingOnlyAMarkerAndAStartBeginsItAgain() {
        StageInference p = start("lstm");
        accept(p, "ab", 1, 3);
        punctuate();
        lifecycle(p, "ab", io.embryostream.schemas.LifecycleState.ENDED);
        housekeepingAfter(GRACE.toMillis() - 1_000);
        assertThat(embryos().get("ab").released).as("within the grace period").isFalse();
        assertThat(embryos().get("ab").endRequested).isTrue();

        housekeepingAfter(2_000);
        EmbryoState marker = embryos().get("ab");
        assertThat(marker.released).isTrue();
        assertThat(marker.lastEmitted).isEqualTo(3);
        assertThat(marker.temporalState).isEmpty();
        assertThat(marker.decoderState).isEmpty();

        lifecycle(p, "ab", io.embryostream.schemas.LifecycleState.STARTED);
        assertThat(embryos().get("ab").released).isFalse();
        assertThat(embryos().get("ab").highWaterMark).as("a new culture under the same id").isEqualTo(-1);
    }

    /** A time point at {@code minutes} of culture whose frame depends only on the time: two cadences share frames. */
    private void acceptAt(StageInference p, String embryo, int tp, int minutes) {
        if (embryos().get(embryo) == null) {
            EmbryoState s = new EmbryoState();
            s.modelVersion = model.version();
            embryos().put(embryo, s);
        }
        p.process(new Record<>(embryo, new ReadyTimePoint(embryo, embryo, tp, minutes / 60.0, wall, -1, List.of(),
                new byte[][] {pixels("x", minutes / 5)}), wall));
    }

    /**
     * The parity model's interval is 15 min. A 5-min stream, one time point per punctuation (each read from the stored
     * state, across a restart), gives one StageEvent per time point, and at each 15-min time point the probabilities of
     * a 15-min stream of the same frames: the head advanced only on the model's grid. Its mismatch is counted once.
     */
    @ParameterizedTest(name = "{0} head")
    @ValueSource(strings = {"lstm", "transformer"})
    void aStreamFasterThanTheModelAdvancesTheHeadOnlyOnTheModelsGrid(String head) {
        StageInference p = start(head);
        for (int k = 1; k <= 6; k++) {
            acceptAt(p, "grid", k, 15 * k);
        }
        punctuate();
        Map<Double, List<Float>> grid = new java.util.HashMap<>();
        of("grid").forEach(e -> grid.put(e.getHoursPostInsemination(), e.getProbabilities()));
        List<io.embryostream.schemas.StageEvent> fast = new ArrayList<>();
        for (int j = 3; j <= 18; j++) {
            if (j == 11) { // after 50 min, off the grid: the cadence restored must be (45, 50), not (50, 50)
                fast.addAll(of("fast"));
                p.close();
                p = start(head);
            }
            acceptAt(p, "fast", j - 2, 5 * j);
            punctuate();
        }
        fast.addAll(of("fast"));

        assertThat(fast).extracting(io.embryostream.schemas.StageEvent::getTimePoint)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList());
        for (io.embryostream.schemas.StageEvent e : fast) {
            List<Float> reference = grid.get(e.getHoursPostInsemination());
            if (reference != null) {
                for (int c = 0; c < reference.size(); c++) {
                    assertThat(e.getProbabilities().get(c)).as("%.3f h class %d", e.getHoursPostInsemination(), c)
                            .isCloseTo(reference.get(c), within(1e-5f));
                }
            }
        }
        EmbryoState state = embryos().get("fast");
        assertThat(state.headAdvancedHours).isEqualTo(1.5);
        assertThat(state.headLastHours).isEqualTo(1.5);
        assertThat(metrics.intervalMismatchCount(model.name(), model.version(), false)).isEqualTo(1);
        assertThat(metrics.intervalMismatchCount(model.name(), model.version(), true)).isZero();
        if (head.equals("transformer")) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, ?> it = stores.get(3).all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            assertThat(keys.stream().filter(k -> k.startsWith("fast")).count()).as("window entries: grid time points")
                    .isEqualTo(6);
        }
    }

    @Test
    void withoutResamplingEveryFrameAdvancesTheHeadAndTheGridTimePointsDiffer() {
        StageInference p = start("lstm", new FrameInterval(false, 0.25));
        for (int k = 1; k <= 3; k++) {
            acceptAt(p, "grid", k, 15 * k);
        }
        for (int j = 3; j <= 9; j++) {
            acceptAt(p, "fast", j - 2, 5 * j);
        }
        punctuate();
        List<Float> grid = of("grid").get(2).getProbabilities();
        List<Float> fast = of("fast").get(6).getProbabilities();
        assertThat(of("fast").get(6).getHoursPostInsemination()).isEqualTo(0.75);
        assertThat(fast).isNotEqualTo(grid);
        assertThat(embryos().get("fast").headAdvancedHours).isEqualTo(0.75);
        assertThat(metrics.intervalMismatchCount(model.name(), model.version(), false)).isEqualTo(1);
    }

    /** The WARN lines StageInference logs while {@code run} runs. */
    private static List<String> warnings(Runnable run) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                StageInference.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            run.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void eachMismatchedEmbryoGetsOneLogLineSayingWhatHappensToIt() {
        StageInference p = start("lstm");
        List<String> lines = warnings(() -> {
            for (int k = 1; k <= 8; k++) {
                acceptAt(p, "fast", k, 10 + 5 * k); // every 5 min: resampled to the 15-min grid
                acceptAt(p, "near", k, 11 * k);     // every 11 min: off by more than 25 %, but each frame advances
                punctuate();
            }
        });
        assertThat(lines).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Embryo fast (fast): frames every 5.0 min, model ")
                .contains("was trained on 15.0 min frames; shorter than the model's: resampled, the head advances about"
                        + " every 15.0 min"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Embryo near (near): frames every 11.0 min")
                .contains("too close to it to resample: every frame advances its temporal head"));
    }

    @Test
    void aStreamSlowerThanTheModelIsCountedAsLongerOnceAndEveryFrameAdvances() {
        StageInference p = start("lstm");
        List<String> lines = warnings(() -> {
            for (int k = 1; k <= 6; k++) {
                acceptAt(p, "slow", k, 45 * k);
                punctuate();
            }
        });
        assertThat(lines).singleElement().asString().contains("frames every 45.0 min", "longer than the model's");
        assertThat(of("slow")).hasSize(6);
        assertThat(embryos().get("slow").headAdvancedHours).isEqualTo(4.5);
        assertThat(metrics.intervalMismatchCount(model.name(), model.version(), true)).isEqualTo(1);
        assertThat(metrics.intervalMismatchCount(model.name(), model.version(), false)).isZero();
    }
}
