package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.model.ModelMetadata;

/** Probabilities and the next temporal state for one time point, with the batch it ran in. */
public record InferenceResult(ReadyTimePoint timePoint, ModelMetadata model, float[] probabilities, float[] state,
                              double batchMillis, int batchSize) {
}
