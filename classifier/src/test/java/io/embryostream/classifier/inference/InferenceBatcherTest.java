package io.embryostream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.model.ExecutionProvider;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.ModelMetadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thread's batcher with the real parity model: when a batch runs, that each result reaches its
 * own task, that time points of one embryo in one batch continue from each other exactly as one
 * by one, and that a closing task's jobs are dropped.
 */
class InferenceBatcherTest {

    private static final long DELAY = 20;
    private static final FrameInterval RESAMPLE = new FrameInterval(true, 0.25);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ModelRegistry models;
    private ModelMetadata model;

    @BeforeEach
    void setUp() {
        models = new ModelRegistry(TestModels.parityModel(), new InferenceOptions(1, ExecutionProvider.CPU, 64));
        model = models.newest();
    }

    @AfterEach
    void tearDown() {
        models.close();
    }

    @Test
    void aBatchRunsWhenFullOrWhenItsOldestJobHasWaited() {
        InferenceBatcher batcher = new InferenceBatcher(models, new ClassifierMetrics(registry), 3, DELAY, RESAMPLE, 500);
        TaskInbox inbox = new TaskInbox("0_1");
        batcher.submit(inbox, timePoint("a", 1), model, ModelMetadata.LSTM, null, 1_000);
        batcher.submit(inbox, timePoint("b", 1), model, ModelMetadata.LSTM, null, 1_005);
        batcher.runIfDue(1_000 + DELAY - 1);
        assertThat(inbox.poll()).as("neither full nor due").isNull();

        batcher.runIfDue(1_000 + DELAY);
        assertThat(drain(inbox)).extracting(r -> r.batchSize()).containsExactly(2, 2);

        for (int i = 0; i < 4; i++) {
            batcher.submit(inbox, timePoint("c" + i, 1), model, ModelMetadata.LSTM, null, 2_000);
        }
        batcher.runIfDue(2_000);
        assertThat(drain(inbox)).as("a full batch runs at once; the rest waits").extracting(r -> r.batchSize())
                .containsExactly(3, 3, 3);
        batcher.runIfDue(2_000 + DELAY);
        assertThat(drain(inbox)).hasSize(1);
    }

    @Test
    void eachResultReachesItsOwnTaskAndItsEmbryoStaysInFlightUntilDone() {
        InferenceBatcher batcher = new InferenceBatcher(models, new ClassifierMetrics(registry), 64, DELAY, RESAMPLE, 500);
        TaskInbox first = new TaskInbox("0_1");
        TaskInbox second = new TaskInbox("0_2");
        batcher.submit(first, timePoint("a", 1), model, ModelMetadata.LSTM, null, 0);
        batcher.submit(second, timePoint("b", 1), model, ModelMetadata.LSTM, null, 0);
        batcher.runAll();

        List<InferenceResult> a = drain(first);
        assertThat(a).extracting(r -> r.timePoint().embryoId()).containsExactly("a");
        assertThat(drain(second)).extracting(r -> r.timePoint().embryoId()).containsExactly("b");
        assertThat(first.inFlight("a")).isTrue();
        first.done("a");
        assertThat(first.inFlight("a")).isFalse();
    }

    @Test
    void timePointsOfOneEmbryoInOneBatchContinueFromEachOtherAsOneByOne() {
        InferenceBatcher batched = new InferenceBatcher(models, new ClassifierMetrics(registry), 64, DELAY, RESAMPLE, 500);
        TaskInbox inbox = new TaskInbox("0_1");
        for (int tp = 1; tp <= 4; tp++) {
            batched.submit(inbox, timePoint("a", tp), model, ModelMetadata.LSTM, null, 0);
        }
        batched.runAll();
        List<InferenceResult> together = drain(inbox);

        InferenceBatcher single = new InferenceBatcher(models, new ClassifierMetrics(registry), 1, DELAY, RESAMPLE, 500);
        TaskInbox alone = new TaskInbox("0_2");
        TemporalContext context = null;
        List<InferenceResult> oneByOne = new ArrayList<>();
        for (int tp = 1; tp <= 4; tp++) {
            single.submit(alone, timePoint("a", tp), model, ModelMetadata.LSTM, context, 0);
            single.runAll();
            InferenceResult r = alone.poll();
            alone.done("a");
            oneByOne.add(r);
            context = r.next();
        }
        assertThat(together).extracting(r -> r.timePoint().timePoint()).containsExactly(1, 2, 3, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(together.get(i).probabilities()).as("time point " + (i + 1))
                    .containsExactly(oneByOne.get(i).probabilities(), org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(together.get(0).probabilities()).isNotEqualTo(together.get(3).probabilities());
    }

    @Test
    void aFasterStreamInOneBatchAdvancesOnTheModelsGridAsOneTimePointPerBatchDoes() {
        // The parity model's interval is 15 min; time points every 5 min from 15 to 60 min, frames by the minute.
        InferenceBatcher batched = new InferenceBatcher(models, new ClassifierMetrics(registry), 64, DELAY, RESAMPLE, 500);
        TaskInbox inbox = new TaskInbox("0_1");
        for (int j = 3; j <= 12; j++) {
            batched.submit(inbox, timePointAt("a", j - 2, 5 * j), model, ModelMetadata.LSTM, null, 0);
        }
        batched.runAll();
        List<InferenceResult> together = drain(inbox);

        InferenceBatcher single = new InferenceBatcher(models, new ClassifierMetrics(registry), 1, DELAY, RESAMPLE, 500);
        TaskInbox alone = new TaskInbox("0_2");
        TemporalContext context = null;
        for (int i = 0; i < together.size(); i++) {
            single.submit(alone, together.get(i).timePoint(), model, ModelMetadata.LSTM, context, 0);
            single.runAll();
            InferenceResult r = alone.poll();
            alone.done("a");
            context = r.next();
            assertThat(together.get(i).probabilities()).as("time point %d", i + 1)
                    .containsExactly(r.probabilities(), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(together.get(i).advanced()).isEqualTo(r.advanced());
        }
        assertThat(together).extracting(InferenceResult::advanced)
                .containsExactly(true, false, false, true, false, false, true, false, false, true);
        assertThat(together.get(9).next().cadence()).isEqualTo(new TemporalContext.Cadence(1.0, 1.0));
        assertThat(together.get(8).next().cadence()).isEqualTo(new TemporalContext.Cadence(0.75, 55 / 60.0));
    }

    @Test
    void theModelsInputMomentsFeedItsDriftGauges() {
        InferenceBatcher batcher = new InferenceBatcher(models, new ClassifierMetrics(registry), 64, DELAY, RESAMPLE, 500);
        TaskInbox inbox = new TaskInbox("0_1");
        batcher.submit(inbox, timePoint("a", 1), model, ModelMetadata.LSTM, null, 0);
        batcher.runAll();
        assertThat(registry.get("embryo.input.time.points").tag("version", model.version()).counter().count())
                .isEqualTo(1);
        assertThat(registry.get("embryo.input.pixel.mean").tag("version", model.version()).gauge().value())
                .isBetween(0.05, 0.75);
        assertThat(registry.get("embryo.input.reference.mean").tag("version", model.version()).gauge().value())
                .isEqualTo(model.normalization().mean(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(registry.get("embryo.interval.mismatch").tag("direction", "longer").counter().count()).isZero();
    }

    @Test
    void aCalibratedHeadsProbabilitiesAreTemperatureScaled(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path copy = dir.resolve("model");
        java.nio.file.Path source = TestModels.parityModel();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(source)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Path target = copy.resolve(source.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(f, target);
                }
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(copy.resolve("model.json").toFile());
        for (String head : List.of(ModelMetadata.LSTM, ModelMetadata.TRANSFORMER)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json.at("/temporal/heads/" + head))
                    .putObject("calibration").put("method", "temperature").put("temperature", 2.0);
        }
        java.nio.file.Files.writeString(copy.resolve("model.json"), json.toString());
        try (ModelRegistry calibrated = new ModelRegistry(copy, new InferenceOptions(1, ExecutionProvider.CPU, 64))) {
            for (String head : List.of(ModelMetadata.LSTM, ModelMetadata.TRANSFORMER)) {
                List<InferenceResult> plain = runThree(models, model, head);
                List<InferenceResult> scaled = runThree(calibrated, calibrated.newest(), head);
                for (int i = 0; i < 3; i++) {
                    assertThat(scaled.get(i).probabilities()).as("%s time point %d", head, i + 1).containsExactly(
                            new io.embryostream.model.TemperatureScaling(2.0).apply(plain.get(i).probabilities()),
                            org.assertj.core.data.Offset.offset(1e-6f));
                    assertThat(scaled.get(i).probabilities()).isNotEqualTo(plain.get(i).probabilities());
                }
            }
        }
    }

    /** Three time points of one embryo through a fresh batcher of {@code registry}. */
    private List<InferenceResult> runThree(ModelRegistry registry, ModelMetadata m, String head) {
        InferenceBatcher batcher = new InferenceBatcher(registry, new ClassifierMetrics(new SimpleMeterRegistry()), 64,
                DELAY, RESAMPLE, 500);
        TaskInbox inbox = new TaskInbox("0_1");
        for (int tp = 1; tp <= 3; tp++) {
            batcher.submit(inbox, timePoint("a", tp), m, head, null, 0);
        }
        batcher.runAll();
        return drain(inbox);
    }

    @Test
    void aClosingTasksQueuedJobsAreDropped() {
        InferenceBatcher batcher = new InferenceBatcher(models, new ClassifierMetrics(registry), 64, DELAY, RESAMPLE, 500);
        TaskInbox closing = new TaskInbox("0_1");
        TaskInbox staying = new TaskInbox("0_2");
        batcher.submit(closing, timePoint("a", 1), model, ModelMetadata.LSTM, null, 0);
        batcher.submit(staying, timePoint("b", 1), model, ModelMetadata.LSTM, null, 0);
        batcher.forget(closing);
        batcher.runAll();

        assertThat(closing.poll()).isNull();
        assertThat(closing.inFlight("a")).isFalse();
        assertThat(drain(staying)).hasSize(1);
    }

    private static List<InferenceResult> drain(TaskInbox inbox) {
        List<InferenceResult> out = new ArrayList<>();
        InferenceResult r;
        while ((r = inbox.poll()) != null) {
            out.add(r);
        }
        return out;
    }

    private static ReadyTimePoint timePointAt(String embryo, int tp, int minutes) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 7 + minutes * 31) % 200);
        }
        return new ReadyTimePoint(embryo, embryo, tp, minutes / 60.0, 0, -1, List.of(), new byte[][] {px});
    }

    private static ReadyTimePoint timePoint(String embryo, int tp) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 7 + tp * 31 + embryo.hashCode()) % 200);
        }
        return new ReadyTimePoint(embryo, embryo, tp, tp * 0.33, 0, -1, List.of(),
                new byte[][] {px});
    }
}
