package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.metrics.InputDrift;
import io.embryostream.model.FrameEncoder;
import io.embryostream.model.ModelMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * <p>Every accepted time point is queued at once, so batches fill across embryos, across all tasks
 * of the thread, and with several time points of one embryo. The frame encoder runs once over the
 * whole batch (frames are independent); the temporal head runs in rounds, the k-th time point of
 * an embryo in round k, each continuing from the context its predecessor left (held in the
 * embryo's {@link TaskInbox.Chain} until the predecessor's result is stored); a time point off the
 * model's interval grid is classified from that context and passes it on unchanged ({@link FrameInterval}).
 * The encoder's input moments of every time point feed its model version's input-drift figures. Instances are per
 * stream thread (see {@link #forCurrentThread}); only that thread calls them.
 */
final class InferenceBatcher {

    private static final ThreadLocal<InferenceBatcher> PER_THREAD = new ThreadLocal<>();

    private final ModelRegistry registry;
    private final ClassifierMetrics metrics;
    private final int maxBatch;
    private final long maxDelayMillis;
    private final FrameInterval interval;
    private final int driftWindow;
    private final List<InferenceJob> queue = new ArrayList<>();
    private final Map<String, ModelRuntime> runtimes = new HashMap<>();

    /**
     * @param interval    which time points advance the temporal heads' contexts
     * @param driftWindow time points over which the input-drift figures are averaged
     */
    InferenceBatcher(ModelRegistry registry, ClassifierMetrics metrics, int maxBatch, long maxDelayMillis,
                     FrameInterval interval, int driftWindow) {
        this.registry = registry;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.maxDelayMillis = maxDelayMillis;
        this.interval = interval;
        this.driftWindow = driftWindow;
    }

    /** The calling stream thread's batcher, created on first use. */
    public static InferenceBatcher forCurrentThread(ModelRegistry registry, ClassifierMetrics metrics, int maxBatch,
                                                    long maxDelayMillis, FrameInterval interval, int driftWindow) {
        InferenceBatcher b = PER_THREAD.get();
        if (b == null || b.registry != registry) {
            b = new InferenceBatcher(registry, metrics, maxBatch, maxDelayMillis, interval, driftWindow);
            PER_THREAD.set(b);
        }
        return b;
    }

    /**
     * Queues a time point; its embryo is in flight until the task marks each of its results done.
     *
     * @param stored the embryo's context from the stores; read only when nothing of it is in
     *               flight ({@link TaskInbox#inFlight}), ignored otherwise
     */
    public void submit(TaskInbox inbox, ReadyTimePoint timePoint, ModelMetadata model, String head,
                       TemporalContext stored, long nowMillis) {
        boolean continues = inbox.inFlight(timePoint.embryoId());
        TaskInbox.Chain chain = inbox.join(timePoint.embryoId(), model, head);
        queue.add(new InferenceJob(inbox, chain, timePoint, continues, continues ? null : stored, nowMillis));
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
        inbox.clear();
    }

    private record ModelHead(ModelMetadata model, String head) {
    }

    private void runBatch(int n) {
        List<InferenceJob> batch = new ArrayList<>(queue.subList(0, n));
        queue.subList(0, n).clear();
        Map<ModelHead, List<InferenceJob>> byModel = new LinkedHashMap<>();
        for (InferenceJob j : batch) {
            byModel.computeIfAbsent(new ModelHead(j.chain().model, j.chain().head), k -> new ArrayList<>()).add(j);
        }
        for (Map.Entry<ModelHead, List<InferenceJob>> e : byModel.entrySet()) {
            run(e.getKey().model(), e.getKey().head(), e.getValue());
        }
    }

    private void run(ModelMetadata model, String head, List<InferenceJob> jobs) {
        long t0 = System.nanoTime();
        ModelRuntime rt = runtimes.computeIfAbsent(model.version(), v -> {
            ModelRuntime r = registry.createRuntime(model);
            metrics.modelLoaded(model.name(), model.version(), r.provider());
            metrics.intervalMismatchRegistered(model.name(), model.version());
            return r;
        });
        List<byte[][]> frames = new ArrayList<>(jobs.size());
        for (InferenceJob j : jobs) {
            frames.add(j.timePoint().gray8());
        }
        FrameEncoder.InputMoments[] moments = new FrameEncoder.InputMoments[jobs.size()];
        float[][] embeddings = rt.encoder().encode(frames, moments);
        InputDrift drift = metrics.inputDrift(model.name(), model.version(), model.normalization().mean(),
                model.normalization().std(), driftWindow);
        for (FrameEncoder.InputMoments m : moments) {
            drift.add(m.mean(), m.meanSquare());
        }
        float[][] probabilities = new float[jobs.size()][];
        TemporalContext[] next = new TemporalContext[jobs.size()];
        boolean[] advanced = new boolean[jobs.size()];
        double nominalHours = model.window().nominalIntervalHours();
        for (List<Integer> round : rounds(jobs)) {
            float[][] e = new float[round.size()][];
            float[] hpi = new float[round.size()];
            TemporalContext[] contexts = new TemporalContext[round.size()];
            for (int k = 0; k < round.size(); k++) {
                InferenceJob j = jobs.get(round.get(k));
                e[k] = embeddings[round.get(k)];
                hpi[k] = (float) j.timePoint().hours();
                contexts[k] = j.context();
            }
            ModelRuntime.Step step = rt.step(head, e, hpi, contexts);
            for (int k = 0; k < round.size(); k++) {
                int i = round.get(k);
                double hours = jobs.get(i).timePoint().hours();
                TemporalContext.Cadence cadence = TemporalContext.Cadence.of(contexts[k]);
                probabilities[i] = step.probabilities()[k];
                advanced[i] = interval.advances(cadence, hours, nominalHours);
                next[i] = advanced[i] ? step.next()[k].with(new TemporalContext.Cadence(hours, hours))
                        : contexts[k].with(new TemporalContext.Cadence(cadence.advancedHours(), hours));
                jobs.get(i).chain().latest = next[i];
            }
        }
        long nanos = System.nanoTime() - t0;
        metrics.batch(jobs.size(), nanos);
        for (int i = 0; i < jobs.size(); i++) {
            InferenceJob j = jobs.get(i);
            j.inbox().results.addLast(new InferenceResult(j.timePoint(), model, head, probabilities[i], embeddings[i],
                    next[i], advanced[i], nanos / 1e6, jobs.size()));
        }
    }

    /** Job indexes by round: an embryo's k-th time point in the batch goes to round k (queue order is time order). */
    private static List<List<Integer>> rounds(List<InferenceJob> jobs) {
        Map<TaskInbox.Chain, Integer> depth = new IdentityHashMap<>();
        List<List<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            int r = depth.merge(jobs.get(i).chain(), 1, Integer::sum) - 1;
            if (r == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(r).add(i);
        }
        return rounds;
    }
}
