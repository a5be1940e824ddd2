package io.embryostream.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Throughput of a model folder's graphs in ONNX Runtime Java, preprocessing included for the
 * encoder: frames/s, LSTM steps/s and Transformer windows/s at batch 1 … 256. Prints one line per
 * batch size; figures are recorded in docs/trainer.md.
 *
 * <pre>
 * mvn -q -pl model test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.embryostream.model.OnnxThroughputBenchmark -Dexec.args="MODEL_DIR [threads]"
 * </pre>
 */
public final class OnnxThroughputBenchmark {

    private static final int[] BATCHES = {1, 16, 64, 256};
    private static final double SECONDS = 1.5;

    private OnnxThroughputBenchmark() {
    }

    public static void main(String[] args) {
        ModelMetadata model = ModelMetadata.read(Path.of(args[0]));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        InferenceOptions options = new InferenceOptions(threads, ExecutionProvider.CPU, 256);
        Random random = new Random(1);
        System.out.printf("%s, %d threads%n", model, threads);
        try (FrameEncoder encoder = new FrameEncoder(model, options);
             LstmStepModel lstm = new LstmStepModel(model, options);
             TransformerWindowModel transformer = new TransformerWindowModel(model, options)) {
            for (int batch : BATCHES) {
                List<byte[][]> frames = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    byte[][] planes = new byte[model.planes().size()][256 * 256];
                    for (byte[] p : planes) {
                        random.nextBytes(p);
                    }
                    frames.add(planes);
                }
                float[][] embeddings = encoder.encode(frames);
                float[] hpi = new float[batch];
                float[][] states = new float[batch][lstm.stateSize()];
                float[][] window = new float[transformer.maxWindow()][];
                float[] hours = new float[transformer.maxWindow()];
                for (int t = 0; t < window.length; t++) {
                    window[t] = embeddings[t % batch];
                    hours[t] = 20 + 0.25f * t;
                }
                List<float[][]> windows = Collections.nCopies(batch, window);
                List<float[]> windowHours = Collections.nCopies(batch, hours);
                System.out.printf("batch %3d: encoder %8.1f frames/s  lstm %9.1f steps/s  transformer %8.1f windows/s%n",
                        batch, rate(() -> encoder.encode(frames), batch), rate(() -> lstm.step(embeddings, hpi, states), batch),
                        rate(() -> transformer.classify(windows, windowHours), batch));
            }
        }
    }

    private static double rate(Runnable run, int items) {
        run.run();
        long start = System.nanoTime();
        int runs = 0;
        double elapsed;
        do {
            run.run();
            runs++;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < SECONDS);
        return items * runs / elapsed;
    }
}
