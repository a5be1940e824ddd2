package io.embryostream.classifier.inference;

import io.embryostream.model.ModelMetadata;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One task's side of the thread's batcher: the embryos with time points in flight, each with the
 * chain its queued time points continue, and the results waiting for the task's punctuator to emit
 * them inside the transaction. Only the stream thread that owns the task touches it.
 */
final class TaskInbox {

    /**
     * An embryo's time points in flight. Each continues from the context its predecessor left,
     * which exists only here until the predecessor's result is emitted and stored.
     */
    static final class Chain {
        final ModelMetadata model;
        final String head;
        int inFlight;
        TemporalContext latest;

        Chain(ModelMetadata model, String head) {
            this.model = model;
            this.head = head;
        }
    }

    final Deque<InferenceResult> results = new ArrayDeque<>();
    private final Map<String, Chain> chains = new HashMap<>();
    private final String taskId;

    public TaskInbox(String taskId) {
        this.taskId = taskId;
    }

    public String taskId() {
        return taskId;
    }

    public boolean inFlight(String embryoId) {
        return chains.containsKey(embryoId);
    }

    /** The model of the embryo's time points in flight, or null when none is. */
    public ModelMetadata modelInFlight(String embryoId) {
        Chain c = chains.get(embryoId);
        return c == null ? null : c.model;
    }

    /** The temporal head of the embryo's time points in flight, or null when none is. */
    public String headInFlight(String embryoId) {
        Chain c = chains.get(embryoId);
        return c == null ? null : c.head;
    }

    /** Joins (or starts) the embryo's chain for one more time point. */
    Chain join(String embryoId, ModelMetadata model, String head) {
        Chain c = chains.computeIfAbsent(embryoId, id -> new Chain(model, head));
        c.inFlight++;
        return c;
    }

    /** The next result to emit, or null. Its embryo stays in flight until {@link #done(String)}. */
    public InferenceResult poll() {
        return results.pollFirst();
    }

    /** One of the embryo's time points was emitted (or dropped); the chain ends with its last. */
    public void done(String embryoId) {
        Chain c = chains.get(embryoId);
        if (c != null && --c.inFlight <= 0) {
            chains.remove(embryoId);
        }
    }

    void clear() {
        results.clear();
        chains.clear();
    }
}
