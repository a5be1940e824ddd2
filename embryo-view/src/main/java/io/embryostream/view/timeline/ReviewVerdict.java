package io.embryostream.view.timeline;

/**
 * Whether a review agrees with the transition it reviews. A confirmation agrees; a correction of the
 * stage disagrees; a correction of the onset agrees when it moves the onset by no more than the
 * tolerance, because embryologists themselves disagree by 0.5–5.4 h on the same event (FORMATS.md):
 * clinics choose the tolerance that counts as "the same call".
 */
public final class ReviewVerdict {

    private ReviewVerdict() {
    }

    /** The review as counts of one, for the model version and stage of the transition. */
    public static AgreementCounts of(TransitionMark transition, Review review, String modelId, String modelVersion,
                                     double toleranceHours) {
        boolean stageCorrected = review.correctedStageName() != null
                && !review.correctedStageName().equals(transition.stageName());
        if (stageCorrected) {
            return new AgreementCounts(modelId, modelVersion, transition.stageName(), 1, 0, 0, 0);
        }
        double error = review.confirms() || review.correctedOnsetHours() == null
                ? 0 : Math.abs(review.correctedOnsetHours() - transition.onsetHours());
        return new AgreementCounts(modelId, modelVersion, transition.stageName(), 1, error <= toleranceHours ? 1 : 0, 1,
                error);
    }
}
