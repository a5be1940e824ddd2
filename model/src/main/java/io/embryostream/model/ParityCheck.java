package io.embryostream.model;

import io.embryostream.frames.BlockAverage;
import io.embryostream.frames.CanonicalFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model folder's parity fixture ({@code parity.json}, written by the trainer at export) run through this side:
 * Java's preprocessing and ONNX Runtime on the fixture's frames must give PyTorch's inputs, embedding and
 * temporal-head outputs within {@link #TOLERANCE}. What a model must pass before the classifier runs it, for any
 * encoder the trainer exports ({@code embryo-stream check-model}, {@code ParityTest}).
 */
public final class ParityCheck {

    /** Largest difference allowed between an output of ONNX Runtime (Java) and PyTorch's. */
    public static final float TOLERANCE = 1e-4f;
    /** The input sum adds 65,536 values or more per plane: float32 rounding allows more. */
    static final double INPUT_SUM_TOLERANCE = 1e-2;

    /** One output compared: its largest difference and what it may be. */
    public record Comparison(String what, double maxDifference, double tolerance) {

        public boolean passed() {
            return maxDifference <= tolerance; // NaN fails too
        }

        @Override
        public String toString() {
            return String.format("%s: max difference %.3g (tolerance %.0e) %s", what, maxDifference, tolerance,
                    passed() ? "ok" : "FAILED");
        }
    }

    /** Every comparison of one model folder. */
    public record Report(Path folder, String model, List<Comparison> comparisons) {

        public boolean passed() {
            return comparisons.stream().allMatch(Comparison::passed);
        }

        public List<Comparison> failures() {
            return comparisons.stream().filter(c -> !c.passed()).toList();
        }

        public String describe() {
            return model + " (" + folder + "): " + (passed() ? "parity ok" : "PARITY FAILED") + "\n"
                    + comparisons.stream().map(c -> "  " + c).collect(Collectors.joining("\n"));
        }
    }

    private ParityCheck() {
    }

    /**
     * Runs the fixture of {@code folder} on the CPU.
     *
     * @throws IOException when the folder has no readable model.json, parity.json or fixture frames
     */
    public static Report run(Path folder) throws IOException {
        ModelMetadata model = ModelMetadata.read(folder);
        ParityFixture fixture = ParityFixture.read(folder);
        byte[][] frames = fixture.frames(model);
        List<Comparison> out = new ArrayList<>();
        out.add(new Comparison("input sum", Math.abs(inputSum(model, frames) - fixture.node("inputSum").asDouble()),
                INPUT_SUM_TOLERANCE));
        float[] embedding;
        try (FrameEncoder encoder = new FrameEncoder(model, InferenceOptions.cpuDefaults())) {
            // a batch of two: the second row must not depend on the first
            embedding = encoder.encode(List.of(frames, frames))[1];
        }
        out.add(compare("embedding", new float[][] {embedding}, new float[][] {fixture.vector("embedding")}));
        if (model.temporalHead(ModelMetadata.LSTM).isPresent()) {
            float[][] embeddings = fixture.matrix("lstm", "embedding");
            embeddings[0] = embedding;
            try (LstmStepModel lstm = new LstmStepModel(model, new InferenceOptions(2, ExecutionProvider.CPU, 2))) {
                // 3 embryos with a max batch of 2: also exercises the split into runs
                LstmStepModel.StepOutput step = lstm.step(embeddings, fixture.vector("lstm", "hpi"),
                        fixture.matrix("lstm", "state"));
                out.add(compare("lstm probabilities", step.probabilities(), fixture.matrix("lstm", "probabilities")));
                out.addAll(calibrated(model, fixture, ModelMetadata.LSTM, step.probabilities()));
                out.add(compare("lstm state", step.states(), fixture.matrix("lstm", "stateOut")));
            }
        }
        if (model.temporalHead(ModelMetadata.TRANSFORMER).isPresent()) {
            out.addAll(transformer(model, fixture, embedding));
        }
        return new Report(folder, model.name() + " " + model.version(), out);
    }

    private static List<Comparison> transformer(ModelMetadata model, ParityFixture fixture, float[] embedding) {
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
            float[][] mixed = transformer.classify(windows, windowHours);
            List<Comparison> out = new ArrayList<>(calibrated(model, fixture, ModelMetadata.TRANSFORMER, mixed));
            out.addAll(List.of(compare("transformer, mixed lengths", mixed, expected),
                    // without the full-length window the batch is narrower: the same answers for the short ones
                    compare("transformer, short windows only", transformer.classify(windows.subList(1, 3),
                            windowHours.subList(1, 3)), Arrays.copyOfRange(expected, 1, 3))));
            return out;
        }
    }

    /**
     * A calibrated head's probabilities through Java's {@link TemperatureScaling} against the trainer's calibrated
     * rows; a calibration without such rows fails (the fixture predates it).
     */
    private static List<Comparison> calibrated(ModelMetadata model, ParityFixture fixture, String head,
                                               float[][] probabilities) {
        TemperatureScaling t = model.calibration(head);
        if (t == TemperatureScaling.NONE) {
            return List.of();
        }
        String what = head + " calibrated probabilities (T " + t.temperature() + ")";
        if (!fixture.has(head, "calibratedProbabilities")) {
            return List.of(new Comparison(what + ": parity.json has none, rerun trainer_export.calibrate",
                    Double.NaN, TOLERANCE));
        }
        return List.of(compare(what, t.apply(probabilities), fixture.matrix(head, "calibratedProbabilities")));
    }

    /** The sum of the model's inputs for the frames, as Java's preprocessing computes them. */
    static double inputSum(ModelMetadata model, byte[][] frames) {
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

    /** Largest absolute difference between rows; infinite when the shapes differ. */
    static Comparison compare(String what, float[][] actual, float[][] expected) {
        double max = actual.length == expected.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
            if (actual[i].length != expected[i].length) {
                max = Double.POSITIVE_INFINITY;
                continue;
            }
            for (int j = 0; j < expected[i].length; j++) {
                max = Math.max(max, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        return new Comparison(what, max, TOLERANCE);
    }
}
