package io.embryostream.view.review;

import io.embryostream.schemas.AnnotationAction;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.view.query.EmbryoDetail;
import io.embryostream.view.query.EmbryoSummary;
import io.embryostream.view.timeline.TransitionMark;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of {@code POST /embryos/{id}/annotations}: which transition, confirmed or corrected, by
 * whom. Model, version, label and stage come from the view's own record of the transition, so a
 * client cannot attribute a review to the wrong model.
 */
public record AnnotationRequest(String transitionId, String action, Double correctedOnsetHours,
                                String correctedStageName, String reviewer, String comment) {

    /** Longest comment kept; it is free text for people, not a document store. */
    static final int MAX_COMMENT = 2000;

    /**
     * The event to publish.
     *
     * @param reviewerOverride the user an authenticating proxy vouches for (wins over the body), or null
     * @throws AnnotationRejectedException saying what to fix
     */
    public AnnotationEvent toEvent(EmbryoDetail embryo, String reviewerOverride, Instant now) {
        EmbryoSummary summary = embryo.summary();
        if (transitionId == null || transitionId.isBlank()) {
            throw new AnnotationRejectedException(400, "transitionId is required: the id of the transition reviewed"
                    + " (GET /embryos/" + summary.embryoId() + " lists them)");
        }
        TransitionMark transition = embryo.transitions().stream().map(EmbryoDetail.ReviewedTransition::transition)
                .filter(t -> t.transitionId().equals(transitionId)).findFirst()
                .orElseThrow(() -> new AnnotationRejectedException(404, "embryo " + summary.displayLabel()
                        + " has no confirmed transition '" + transitionId + "'; review one listed by GET /embryos/"
                        + summary.embryoId()));
        AnnotationAction parsed = parseAction();
        if (parsed == AnnotationAction.CONFIRM && (correctedOnsetHours != null || correctedStageName != null)) {
            throw new AnnotationRejectedException(400, "CONFIRM takes no corrected onset or stage; use CORRECT");
        }
        if (parsed == AnnotationAction.CORRECT) {
            boolean newStage = correctedStageName != null && !correctedStageName.isBlank()
                    && !correctedStageName.equals(transition.stageName());
            if (correctedOnsetHours == null && !newStage) {
                throw new AnnotationRejectedException(400, "CORRECT needs correctedOnsetHours (the onset you see, in"
                        + " hours post-insemination) or a correctedStageName other than " + transition.stageName());
            }
            if (correctedOnsetHours != null && !(correctedOnsetHours >= 0 && correctedOnsetHours < 24 * 14)) {
                throw new AnnotationRejectedException(400, "correctedOnsetHours must be hours post-insemination"
                        + " between 0 and 336, was " + correctedOnsetHours);
            }
        }
        String who = reviewerOverride != null && !reviewerOverride.isBlank() ? reviewerOverride : reviewer;
        if (who == null || who.isBlank()) {
            throw new AnnotationRejectedException(400, "reviewer is required: the embryologist's user name or id");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new AnnotationRejectedException(400, "comment is longer than " + MAX_COMMENT + " characters");
        }
        return AnnotationEvent.newBuilder().setAnnotationId(UUID.randomUUID().toString())
                .setEmbryoId(summary.embryoId()).setDisplayLabel(summary.displayLabel())
                .setTransitionId(transitionId).setStageName(transition.stageName()).setAction(parsed)
                .setCorrectedOnsetHours(parsed == AnnotationAction.CORRECT ? correctedOnsetHours : null)
                .setCorrectedStageName(parsed == AnnotationAction.CORRECT && correctedStageName != null
                        && !correctedStageName.isBlank() ? correctedStageName : null)
                .setReviewer(who.trim()).setReviewedAt(now).setModelId(summary.modelId())
                .setModelVersion(summary.modelVersion()).setComment(comment == null || comment.isBlank() ? null : comment)
                .build();
    }

    private AnnotationAction parseAction() {
        try {
            return AnnotationAction.valueOf(String.valueOf(action));
        } catch (IllegalArgumentException e) {
            throw new AnnotationRejectedException(400, "action must be CONFIRM or CORRECT, was '" + action + "'");
        }
    }
}
