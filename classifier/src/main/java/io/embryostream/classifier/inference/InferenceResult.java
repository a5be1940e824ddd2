package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.model.ModelMetadata;

/**
 * Probabilities for one time point, its frame embedding and the temporal context after it, whether
 * it advanced that context ({@link FrameInterval}), with the batch it ran in.
 */
record InferenceResult(ReadyTimePoint timePoint, ModelMetadata model, String head, float[] probabilities,
                       float[] embedding, TemporalContext next, boolean advanced, double batchMillis, int batchSize) {
}
