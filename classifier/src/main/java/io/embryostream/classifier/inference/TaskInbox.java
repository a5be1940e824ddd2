package io.embryostream.classifier.inference;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One task's side of the thread's batcher: which of its embryos have a time point in flight, and
 * the results waiting for the task's punctuator to emit them inside the transaction. Only the
 * stream thread that owns the task touches it.
 */
public final class TaskInbox {

    final Deque<InferenceResult> results = new ArrayDeque<>();
    final Set<String> inFlight = new HashSet<>();
    private final String taskId;

    public TaskInbox(String taskId) {
        this.taskId = taskId;
    }

    public String taskId() {
        return taskId;
    }

    public boolean inFlight(String embryoId) {
        return inFlight.contains(embryoId);
    }

    /** The next result to emit, or null. The embryo stays in flight until {@link #done(String)}. */
    public InferenceResult poll() {
        return results.pollFirst();
    }

    public void done(String embryoId) {
        inFlight.remove(embryoId);
    }

    public int pendingResults() {
        return results.size();
    }
}
