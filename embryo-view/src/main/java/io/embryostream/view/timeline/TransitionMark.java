package io.embryostream.view.timeline;

import io.embryostream.schemas.TransitionEvent;

/** A confirmed transition as the view keeps it (from a {@link TransitionEvent}). */
public record TransitionMark(String transitionId, int stageIndex, String stageName, String previousStageName,
                             int onsetTimePoint, double onsetHours, float confidence) {

    static TransitionMark of(TransitionEvent t) {
        return new TransitionMark(t.getTransitionId(), t.getStageIndex(), t.getStageName(), t.getPreviousStageName(),
                t.getOnsetTimePoint(), t.getOnsetHours(), t.getConfidence());
    }
}
