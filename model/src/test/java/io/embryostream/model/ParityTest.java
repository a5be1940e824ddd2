package io.embryostream.model;

import io.embryostream.frames.BlockAverage;
import io.embryostream.frames.CanonicalFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One time point (a PNG per model plane) through Java preprocessing + ONNX Runtime Java agrees with
 * Python preprocessing + PyTorch (parity.json, written at export) within 1e-4: for the small test
 * models (one plane; three planes as channels) and every shipped model under models/. With several
 * planes the frames go in by {@link ModelMetadata#planes()}, so the test also holds Java's channel
 * order to the trainer's.
 */
class ParityTest {

    private static final float TOLERANCE = 1e-4f;

    static Stream<Path> modelsWithFixtures() throws IOException {
        List<Path> folders = new ArrayList<>(List.of(Path.of("src/test/resources/parity-model"),
                Path.of("src/test/resources/parity-model-3planes")));
        Path shipped = Path.of("../models");
        if (Files.isDirectory(shipped)) {
            try (Stream<Path> list = Files.list(shipped)) {
                list.filter(p -> Files.isRegularFile(p.resolve("parity.json"))).sorted().forEach(folders::add);
            }
        }
        return folders.stream();
    }

    @ParameterizedTest
    @MethodSource("modelsWithFixtures")
    void javaPreprocessingAndOnnxRuntimeMatchPyTorch(Path folder) throws IOException {
        ModelMetadata model = ModelMetadata.read(folder);
        ParityFixture fixture = ParityFixture.read(folder);
        byte[][] frames = fixture.frames(model);

        assertThat(inputSum(model, frames)).isCloseTo(fixture.node("inputSum").asDouble(), within(1e-2));

        float[] embedding;
        try (FrameEncoder encoder = new FrameEncoder(model, InferenceOptions.cpuDefaults())) {
            embedding = encoder.encode(List.of(frames, frames))[1];
            if (frames.length > 1) {
                // Planes that looked alike would pass in any channel order: this fixture must not.
                byte[][] reversed = frames.clone();
                Collections.reverse(Arrays.asList(reversed));
                assertThat(maxDifference(encoder.encode(List.<byte[][]>of(reversed))[0], fixture.vector("embedding")))
                        .as("embedding with the planes in reverse order").isGreaterThan(10 * TOLERANCE);
            }
        }
        assertClose(embedding, fixture.vector("embedding"), "embedding");

        if (model.temporalHead(ModelMetadata.LSTM).isPresent()) {
            checkLstm(model, fixture, embedding);
        }
        if (model.temporalHead(ModelMetadata.TRANSFORMER).isPresent()) {
            checkTransformer(model, fixture, embedding);
        }
    }

    private void checkLstm(ModelMetadata model, ParityFixture fixture, float[] embedding) {
        float[][] embeddings = fixture.matrix("lstm", "embedding");
        embeddings[0] = embedding;
        try (LstmStepModel lstm = new LstmStepModel(model, new InferenceOptions(2, ExecutionProvider.CPU, 2))) {
            // 3 embryos with a max batch of 2: also exercises the split into runs.
            LstmStepModel.StepOutput out = lstm.step(embeddings, fixture.vector("lstm", "hpi"),
                    fixture.matrix("lstm", "state"));
            assertRowsClose(out.probabilities(), fixture.matrix("lstm", "probabilities"), "lstm probabilities");
            assertRowsClose(out.states(), fixture.matrix("lstm", "stateOut"), "lstm state");
            assertThat(lstm.initialState()).hasSize(model.lstmStateSize()).containsOnly(0f);
        }
    }

    private void checkTransformer(ModelMetadata model, ParityFixture fixture, float[] embedding) {
        float[][][] padded = fixture.tensor3("transformer", "embeddings");
        float[][] hours = fixture.matrix("transformer", "hpi");
        List<float[][]> windows = new ArrayList<>();
        List<float[]> windowHours = new ArrayList<>();
        for (int i = 0; i < padded.length; i++) {
            int length = fixture.node("transformer", "lengths").get(i).asInt();
            float[][] window = Arrays.copyOf(padded[i], length);
            window[length - 1] = embedding;
            windows.add(window);
            windowHours.add(Arrays.copyOf(hours[i], length));
        }
        float[][] expected = fixture.matrix("transformer", "probabilities");
        try (TransformerWindowModel transformer = new TransformerWindowModel(model, InferenceOptions.cpuDefaults())) {
            assertRowsClose(transformer.classify(windows, windowHours), expected, "transformer, mixed lengths");
            // Without the full-length window the batch is narrower: the same answers for the short ones.
            float[][] shortOnes = transformer.classify(windows.subList(1, 3), windowHours.subList(1, 3));
            assertRowsClose(shortOnes, Arrays.copyOfRange(expected, 1, 3), "transformer, short windows only");
        }
    }

    private static double inputSum(ModelMetadata model, byte[][] frames) {
        int size = model.inputSize();
        float[] input = new float[size * size];
        double sum = 0;
        for (byte[] frame : frames) {
            BlockAverage.downscaleNormalized(frame, CanonicalFrame.SIZE, model.blockFactor(),
                    model.normalization().mean(), model.normalization().std(), input, 0);
            for (float v : input) {
                sum += v;
            }
        }
        return sum;
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static void assertRowsClose(float[][] actual, float[][] expected, String what) {
        assertThat(actual).as(what).hasSameDimensionsAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], what + " row " + i);
        }
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
