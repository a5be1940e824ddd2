package io.embryostream.classifier.inference;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micro-batching across the tasks of one stream thread, without breaking exactly-once.
 *
 * <p>Why it is safe: a task first writes each accepted time point to its own changelogged pending
 * store (inside the thread's transaction), then {@link #submit}s it here. Inference runs when the
 * batch is full or its oldest job waited {@code maxDelayNanos}; each result goes to its task's
 * {@link TaskInbox}. Outputs are emitted only by the owning task's punctuator, which in the same
 * transaction deletes the pending entry and updates the embryo's state. A crash anywhere before
 * that commit aborts the transaction: the pending entries are restored from the changelog and
 * re-submitted, so nothing is lost and nothing is emitted twice. Results held here are plain
 * memory and may be dropped at any time (task revoked, thread dying).
 *
 * <p>Each embryo has at most one time point in flight, because its next step needs the state its
 * previous step produces; batches are filled across embryos and across all tasks of the thread.
 * Instances are per stream thread (see {@link #forCurrentThread}); only that thread calls them.
 */
public final class InferenceBatcher {

    private static final ThreadLocal<InferenceBatcher> PER_THREAD = new ThreadLocal<>();

    private final ModelRegistry registry;
    private final ClassifierMetrics metrics;
    private final int maxBatch;
    private final long maxDelayMillis;
    private final List<InferenceJob> queue = new ArrayList<>();
    private final Map<String, ModelRuntime> runtimes = new HashMap<>();

    InferenceBatcher(ModelRegistry registry, ClassifierMetrics metrics, int maxBatch, long maxDelayMillis) {
        this.registry = registry;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** The calling stream thread's batcher, created on first use. */
    public static InferenceBatcher forCurrentThread(ModelRegistry registry, ClassifierMetrics metrics, int maxBatch,
                                                    long maxDelayMillis) {
        InferenceBatcher b = PER_THREAD.get();
        if (b == null || b.registry != registry) {
            b = new InferenceBatcher(registry, metrics, maxBatch, maxDelayMillis);
            PER_THREAD.set(b);
        }
        return b;
    }

    /** Queues a job; its embryo is in flight until the task marks it done. */
    void submit(InferenceJob job) {
        job.inbox().inFlight.add(job.timePoint().embryoId());
        queue.add(job);
    }

    public int queued() {
        return queue.size();
    }

    /**
     * Runs a batch when it is full or its oldest job has waited long enough.
     *
     * @param nowMillis the stream thread's wall clock (the processor context's, so tests control it)
     */
    public void runIfDue(long nowMillis) {
        while (queue.size() >= maxBatch) {
            runBatch(maxBatch);
        }
        if (!queue.isEmpty() && nowMillis - queue.get(0).enqueuedMillis() >= maxDelayMillis) {
            runBatch(queue.size());
        }
    }

    /** Runs everything queued now (tests, shutdown). */
    public void runAll() {
        while (!queue.isEmpty()) {
            runBatch(Math.min(maxBatch, queue.size()));
        }
    }

    /** Drops a closing task's jobs: its pending store holds them for the next owner. */
    public void forget(TaskInbox inbox) {
        queue.removeIf(j -> j.inbox() == inbox);
        inbox.results.clear();
        inbox.inFlight.clear();
    }

    private void runBatch(int n) {
        List<InferenceJob> batch = new ArrayList<>(queue.subList(0, n));
        queue.subList(0, n).clear();
        Map<ModelMetadata, List<InferenceJob>> byModel = new LinkedHashMap<>();
        for (InferenceJob j : batch) {
            byModel.computeIfAbsent(j.model(), k -> new ArrayList<>()).add(j);
        }
        for (Map.Entry<ModelMetadata, List<InferenceJob>> e : byModel.entrySet()) {
            run(e.getKey(), e.getValue());
        }
    }

    private void run(ModelMetadata model, List<InferenceJob> jobs) {
        long t0 = System.nanoTime();
        ModelRuntime rt = runtimes.computeIfAbsent(model.version(), v -> {
            ModelRuntime r = registry.createRuntime(model);
            metrics.modelLoaded(model.name(), model.version(), r.provider());
            return r;
        });
        List<byte[][]> frames = new ArrayList<>(jobs.size());
        float[] hpi = new float[jobs.size()];
        float[][] states = new float[jobs.size()][];
        for (int i = 0; i < jobs.size(); i++) {
            InferenceJob j = jobs.get(i);
            frames.add(j.timePoint().gray8());
            hpi[i] = (float) j.timePoint().hours();
            states[i] = j.state() != null ? j.state() : rt.step().initialState();
        }
        float[][] embeddings = rt.encoder().encode(frames);
        LstmStepModel.StepOutput out = rt.step().step(embeddings, hpi, states);
        long nanos = System.nanoTime() - t0;
        metrics.batch(jobs.size(), nanos);
        for (int i = 0; i < jobs.size(); i++) {
            InferenceJob j = jobs.get(i);
            j.inbox().results.addLast(new InferenceResult(j.timePoint(), model, out.probabilities()[i],
                    out.states()[i], nanos / 1e6, jobs.size()));
        }
    }
}
