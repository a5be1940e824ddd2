package io.embryostream.view.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reviews of one model version's transitions to one stage: how many, how many agree with the
 * embryologist, and the timing error where the embryologist gave an onset. Also used as a change
 * (negative counts retract a review that a later one replaced), so agreement sums over any set of
 * embryos and instances.
 *
 * @param timed             reviews with an onset to compare (confirmations and onset corrections;
 *                          not corrections of the stage itself)
 * @param sumAbsErrorHours  sum over {@code timed} of |predicted onset − embryologist's onset|
 */
public record AgreementCounts(String modelId, String modelVersion, String stageName, int reviews, int agreeing,
                              int timed, double sumAbsErrorHours) {

    /** The record key of a model version and stage: agreement is aggregated per key. */
    public static String key(String modelId, String modelVersion, String stageName) {
        return modelId + ":" + modelVersion + ":" + stageName;
    }

    public String key() {
        return key(modelId, modelVersion, stageName);
    }

    /** Nothing reviewed yet (the aggregation's start; names come with the first change). */
    public static AgreementCounts none() {
        return new AgreementCounts(null, null, null, 0, 0, 0, 0);
    }

    public AgreementCounts plus(AgreementCounts o) {
        return new AgreementCounts(o.modelId, o.modelVersion, o.stageName, reviews + o.reviews, agreeing + o.agreeing,
                timed + o.timed, sumAbsErrorHours + o.sumAbsErrorHours);
    }

    public AgreementCounts minus(AgreementCounts o) {
        return plus(new AgreementCounts(o.modelId, o.modelVersion, o.stageName, -o.reviews, -o.agreeing, -o.timed,
                -o.sumAbsErrorHours));
    }

    @JsonIgnore
    public boolean isZero() {
        return reviews == 0 && agreeing == 0 && timed == 0 && sumAbsErrorHours == 0;
    }

    /** Share of reviews that agree with the model; null before any review. */
    @JsonProperty("agreement")
    public Double agreement() {
        return reviews == 0 ? null : (double) agreeing / reviews;
    }

    /** Mean |onset error| in hours over timed reviews; null when none. */
    @JsonProperty("meanAbsErrorHours")
    public Double meanAbsErrorHours() {
        return timed == 0 ? null : sumAbsErrorHours / timed;
    }
}
