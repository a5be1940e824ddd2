package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.model.ExecutionProvider;
import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelMetadata;
import io.embryostream.model.TransformerWindowModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 3 of docs/BENCHMARKS.md: cost per time point when an embryo has a history of 8 vs 64
 * time points. The LSTM step graph carries a fixed-size state, so its cost should not depend on
 * the history; the Transformer window graph re-reads the whole window for every time point. Both
 * run on embeddings the model's encoder computed from rendered frames, in batches of
 * {@code inference.batch.max} embryos, with the classifier's default thread count.
 *
 * <p>Usage: {@code WindowCostBenchmark [model=DIR] [short=8] [long=64] [seconds=8]}
 */
public final class WindowCostBenchmark {

    private WindowCostBenchmark() {
    }

    public static void main(String[] argv) {
        BenchmarkArgs args = new BenchmarkArgs(argv);
        BenchmarkModel model = BenchmarkModel.from(args);
        ModelMetadata m = model.metadata();
        int shortWindow = args.getInt("short", 8);
        int longWindow = args.getInt("long", 64);
        Duration each = Duration.ofSeconds(args.getInt("seconds", 8));
        int batch = Integer.parseInt(ClassifierConfig.defaults().get("inference.batch.max"));
        int threads = Integer.parseInt(ClassifierConfig.defaults().get("inference.threads"));
        InferenceOptions options = new InferenceOptions(threads, ExecutionProvider.CPU, batch);
        PipelineBenchmark.print("machine: %s", MachineLoad.now().describe());
        PipelineBenchmark.print("model: %s, batch %d, %d threads", model.describe(), batch, threads);

        int embryos = 8;
        float[][][] histories = embeddings(m, options, embryos, longWindow);
        try (LstmStepModel lstm = new LstmStepModel(m, options)) {
            double shortCost = lstmMicrosPerTimePoint(lstm, histories, shortWindow, batch, each);
            double longCost = lstmMicrosPerTimePoint(lstm, histories, longWindow, batch, each);
            PipelineBenchmark.print("[3] LSTM step, history %d: %.1f us per time point (%.0f steps/s); history %d: %.1f us"
                            + " (%.0f steps/s); %d/%d = %.2fx (target <= 1.3x)", shortWindow, shortCost, 1e6 / shortCost,
                    longWindow, longCost, 1e6 / longCost, longWindow, shortWindow, longCost / shortCost);
        }
        if (m.temporalHead(ModelMetadata.TRANSFORMER).isEmpty()) {
            PipelineBenchmark.print("[3] Transformer: the model has no transformer head (heads %s)",
                    m.temporalHeadKinds());
        } else {
            try (TransformerWindowModel transformer = new TransformerWindowModel(m, options)) {
                int longest = Math.min(longWindow, transformer.maxWindow());
                if (longest < longWindow) {
                    PipelineBenchmark.print("[3] Transformer: the model's window holds %d time points, so the long"
                            + " window is %d, not %d", transformer.maxWindow(), longest, longWindow);
                }
                double shortCost = transformerMicrosPerTimePoint(transformer, histories, shortWindow, batch, each);
                double longCost = transformerMicrosPerTimePoint(transformer, histories, longest, batch, each);
                PipelineBenchmark.print("[3] Transformer window, W=%d: %.1f us per time point (%.0f windows/s); W=%d:"
                                + " %.1f us (%.0f windows/s); %.2fx", shortWindow, shortCost, 1e6 / shortCost, longest,
                        longCost, 1e6 / longCost, longCost / shortCost);
            }
        }
        PipelineBenchmark.print("machine after: %s", MachineLoad.now().describe());
    }

    /** {@code [embryo][time point][embedding]}: real embeddings of rendered frames, from the model's encoder. */
    private static float[][][] embeddings(ModelMetadata m, InferenceOptions options, int embryos, int timePoints) {
        RenderedCohort cohort = RenderedCohort.render(m.planes(), embryos, timePoints, options.threads());
        List<byte[][]> frames = cohort.pixels();
        float[][] flat;
        try (FrameEncoder encoder = new FrameEncoder(m, options)) {
            flat = encoder.encode(frames);
        }
        float[][][] out = new float[embryos][timePoints][];
        for (int i = 0; i < flat.length; i++) {
            out[i % embryos][i / embryos] = flat[i]; // sweep order: time point k of every embryo, then k + 1
        }
        return out;
    }

    /** Each round: {@code batch} embryos start from a zero state and step through {@code history} time points. */
    private static double lstmMicrosPerTimePoint(LstmStepModel lstm, float[][][] histories, int history, int batch,
                                                 Duration minimum) {
        long steps = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + minimum.toNanos();
        boolean warm = false;
        while (System.nanoTime() < deadline || !warm) {
            float[][] states = new float[batch][];
            for (int i = 0; i < batch; i++) {
                states[i] = lstm.initialState();
            }
            for (int t = 0; t < history; t++) {
                float[][] embeddings = new float[batch][];
                float[] hpi = new float[batch];
                for (int i = 0; i < batch; i++) {
                    embeddings[i] = histories[i % histories.length][t];
                    hpi[i] = t / 3f;
                }
                states = lstm.step(embeddings, hpi, states).states();
            }
            if (!warm) {
                warm = true;
                t0 = System.nanoTime();
                deadline = t0 + minimum.toNanos();
                continue;
            }
            steps += (long) history * batch;
        }
        return (System.nanoTime() - t0) / 1e3 / steps;
    }

    /** Each call classifies the newest time point of {@code batch} embryos from windows of {@code window} embeddings. */
    private static double transformerMicrosPerTimePoint(TransformerWindowModel transformer, float[][][] histories,
                                                        int window, int batch, Duration minimum) {
        List<float[][]> windows = new ArrayList<>(batch);
        List<float[]> hours = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            float[][] w = new float[window][];
            float[] h = new float[window];
            for (int t = 0; t < window; t++) {
                w[t] = histories[i % histories.length][t];
                h[t] = t / 3f;
            }
            windows.add(w);
            hours.add(h);
        }
        transformer.classify(windows, hours); // warm-up
        long calls = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + minimum.toNanos();
        while (System.nanoTime() < deadline) {
            transformer.classify(windows, hours);
            calls++;
        }
        return (System.nanoTime() - t0) / 1e3 / (calls * batch);
    }
}
