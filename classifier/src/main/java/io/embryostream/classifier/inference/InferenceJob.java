package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.model.ModelMetadata;

/** One embryo's next time point, with the temporal state it continues from. */
record InferenceJob(TaskInbox inbox, ReadyTimePoint timePoint, ModelMetadata model, float[] state,
                    long enqueuedMillis) {
}
