package io.embryostream.view.timeline;

import io.embryostream.schemas.AnnotationEvent;

/** An embryologist's latest review of one transition (from an {@link AnnotationEvent}). */
public record Review(String annotationId, String transitionId, String action, Double correctedOnsetHours,
                     String correctedStageName, String reviewer, long reviewedAtMillis, String comment) {

    public static final String CONFIRM = "CONFIRM";

    static Review of(AnnotationEvent a) {
        return new Review(a.getAnnotationId(), a.getTransitionId(), a.getAction().name(), a.getCorrectedOnsetHours(),
                a.getCorrectedStageName(), a.getReviewer(), a.getReviewedAt().toEpochMilli(), a.getComment());
    }

    boolean confirms() {
        return CONFIRM.equals(action);
    }
}
