package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;

/**
 * One time point of an embryo. {@code stored} is the context read from the stores when nothing of
 * the embryo was in flight; otherwise ({@code continuesChain}) the time point continues from the
 * context its predecessor in the chain leaves, known only once that one has run.
 */
record InferenceJob(TaskInbox inbox, TaskInbox.Chain chain, ReadyTimePoint timePoint, boolean continuesChain,
                    TemporalContext stored, long enqueuedMillis) {

    TemporalContext context() {
        return continuesChain ? chain.latest : stored;
    }
}
