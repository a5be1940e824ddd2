package io.embryostream.view.query;

import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.TransitionMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What puts an embryo in the review queue: a LOW_CONFIDENCE alert, a current stage below the
 * confidence threshold, or a confirmed transition below its model version's threshold that nobody has reviewed
 * yet. A version's transition threshold comes from its measured coverage–accuracy curve when
 * {@code view.review.target.accuracy} is set ({@code transitionThresholds}, by {@link ReviewCurves#key}); other
 * versions use {@code minProbability}, as the current stage always does.
 */
public record ReviewPolicy(double minProbability, Map<String, Double> transitionThresholds) {

    public ReviewPolicy(double minProbability) {
        this(minProbability, Map.of());
    }

    /** The confidence below which a confirmed transition of the embryo's model version needs review. */
    public double transitionThreshold(EmbryoTimeline t) {
        return transitionThresholds.getOrDefault(ReviewCurves.key(t.modelId(), t.modelVersion()), minProbability);
    }

    static final String LOW_CONFIDENCE = "LOW_CONFIDENCE";

    public List<String> reasons(EmbryoTimeline t) {
        List<String> reasons = new ArrayList<>();
        if (t.alerts().stream().anyMatch(a -> a.type().equals(LOW_CONFIDENCE))) {
            reasons.add("low-confidence alert");
        }
        t.current().filter(p -> p.maxProbability() < minProbability).ifPresent(p -> reasons.add(String.format(Locale.ROOT,
                "current stage %s at p=%.2f", t.currentStageName(), p.maxProbability())));
        double threshold = transitionThreshold(t);
        for (TransitionMark m : t.transitions()) {
            if (m.confidence() < threshold && !t.reviews().containsKey(m.transitionId())) {
                reasons.add(String.format(Locale.ROOT, "%s at %.1f h unreviewed, confidence %.2f", m.stageName(),
                        m.onsetHours(), m.confidence()));
            }
        }
        return reasons;
    }
}
