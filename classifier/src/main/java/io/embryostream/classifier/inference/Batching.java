package io.embryostream.classifier.inference;

import java.time.Duration;

/**
 * How time points are batched for ONNX Runtime: at most {@code maxBatch} per run, a batch waits at
 * most {@code maxDelay} for more, and each task's punctuator looks for results every {@code pollInterval}.
 */
public record Batching(int maxBatch, Duration maxDelay, Duration pollInterval) {
}
