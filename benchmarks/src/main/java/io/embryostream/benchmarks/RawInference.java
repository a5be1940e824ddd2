package io.embryostream.benchmarks;

import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.model.ExecutionProvider;
import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The classifier's inference without Kafka: PNG decode (optional) → frame encoder → LSTM step, in
 * batches of a fixed size, one calling thread, each embryo's state carried to its next time point —
 * the work the pipeline cannot avoid, so the ceiling the pipeline is compared with; on as many
 * threads as the pipeline has stream threads.
 */
final class RawInference {

    /** Time points per second over {@code timePoints} runs of the batch loop. */
    record Throughput(int batch, boolean pngDecodeIncluded, long timePoints, double seconds) {
        double perSecond() {
            return timePoints / seconds;
        }
    }

    private RawInference() {
    }

    /**
     * {@link #measure} on {@code workers} threads at once, each with its own sessions and embryo states: the
     * raw capacity of the parallelism the pipeline runs with (one worker per stream thread).
     */
    static Throughput measureParallel(ModelMetadata model, int workers, int threads, int batch, List<byte[][]> pngs,
                                      int embryos, boolean includePngDecode, Duration minDuration) {
        if (workers == 1) {
            return measure(model, threads, batch, pngs, embryos, includePngDecode, minDuration);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Throughput>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(pool.submit(() -> measure(model, threads, batch, pngs, embryos, includePngDecode,
                        minDuration)));
            }
            double perSecond = 0;
            long timePoints = 0;
            for (Future<Throughput> f : runs) {
                Throughput t = f.get();
                perSecond += t.perSecond();
                timePoints += t.timePoints();
            }
            return new Throughput(batch, includePngDecode, timePoints, timePoints / perSecond);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a raw inference worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the time points (sweep order, embryo {@code i % embryos}) in batches of {@code batch}
     * until at least {@code minDuration} has passed, after one untimed warm-up batch.
     */
    static Throughput measure(ModelMetadata model, int threads, int batch, List<byte[][]> pngs, int embryos,
                              boolean includePngDecode, Duration minDuration) {
        List<byte[][]> decoded = includePngDecode ? null : decodeAll(pngs);
        InferenceOptions options = new InferenceOptions(threads, ExecutionProvider.CPU, batch);
        try (FrameEncoder encoder = new FrameEncoder(model, options);
             LstmStepModel step = new LstmStepModel(model, options)) {
            float[][] states = new float[embryos][];
            for (int e = 0; e < embryos; e++) {
                states[e] = step.initialState();
            }
            int cursor = runBatch(encoder, step, pngs, decoded, 0, batch, states);
            long done = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + minDuration.toNanos();
            while (System.nanoTime() < deadline) {
                int next = runBatch(encoder, step, pngs, decoded, cursor, batch, states);
                done += batch;
                cursor = next;
            }
            return new Throughput(batch, includePngDecode, done, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One batch from {@code from} (wrapping around the list); returns where the next starts. */
    private static int runBatch(FrameEncoder encoder, LstmStepModel step, List<byte[][]> pngs,
                                List<byte[][]> decoded, int from, int batch, float[][] states) {
        int n = pngs.size();
        int embryos = states.length;
        List<byte[][]> frames = new ArrayList<>(batch);
        float[] hpi = new float[batch];
        float[][] batchStates = new float[batch][];
        for (int i = 0; i < batch; i++) {
            int index = (from + i) % n;
            frames.add(decoded != null ? decoded.get(index) : decode(pngs.get(index)));
            hpi[i] = index / embryos;
            batchStates[i] = states[index % embryos];
        }
        LstmStepModel.StepOutput out = step.step(encoder.encode(frames), hpi, batchStates);
        for (int i = 0; i < batch; i++) {
            states[(from + i) % n % embryos] = out.states()[i];
        }
        return (from + batch) % n;
    }

    private static List<byte[][]> decodeAll(List<byte[][]> pngs) {
        List<byte[][]> out = new ArrayList<>(pngs.size());
        pngs.forEach(p -> out.add(decode(p)));
        return out;
    }

    /** The planes of one rendered time point, decoded from their PNGs. */
    static byte[][] decode(byte[][] planes) {
        byte[][] gray = new byte[planes.length][];
        for (int p = 0; p < planes.length; p++) {
            try {
                gray[p] = CanonicalPng.decode(planes[p]);
            } catch (CanonicalPngException e) {
                throw new IllegalStateException("a rendered benchmark frame does not decode: " + e.getMessage(), e);
            }
        }
        return gray;
    }
}
