package io.embryostream.model;

/**
 * How a model's graphs are run.
 *
 * @param threads   intra-op threads per session (ONNX Runtime's own pool)
 * @param provider  requested execution provider; CUDA falls back to CPU when unavailable
 * @param maxBatch  largest batch one run takes: input buffers are allocated once at this size and
 *                  larger requests are split
 */
public record InferenceOptions(int threads, ExecutionProvider provider, int maxBatch) {

    public InferenceOptions {
        if (threads < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("threads and maxBatch must be >= 1, got " + threads + " and " + maxBatch);
        }
        if (provider == null) {
            throw new IllegalArgumentException("provider must not be null");
        }
    }

    /** CPU, every available core, batches of up to 64. */
    public static InferenceOptions cpuDefaults() {
        return new InferenceOptions(Runtime.getRuntime().availableProcessors(), ExecutionProvider.CPU, 64);
    }
}
