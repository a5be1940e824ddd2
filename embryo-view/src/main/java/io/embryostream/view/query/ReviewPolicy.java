package io.embryostream.view.query;

import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.TransitionMark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What puts an embryo in the review queue: a LOW_CONFIDENCE alert, a current stage below the
 * confidence threshold, or a confirmed transition below it that nobody has reviewed yet.
 */
public record ReviewPolicy(double minProbability) {

    static final String LOW_CONFIDENCE = "LOW_CONFIDENCE";

    public List<String> reasons(EmbryoTimeline t) {
        List<String> reasons = new ArrayList<>();
        if (t.alerts().stream().anyMatch(a -> a.type().equals(LOW_CONFIDENCE))) {
            reasons.add("low-confidence alert");
        }
        t.current().filter(p -> p.maxProbability() < minProbability).ifPresent(p -> reasons.add(String.format(Locale.ROOT,
                "current stage %s at p=%.2f", t.currentStageName(), p.maxProbability())));
        for (TransitionMark m : t.transitions()) {
            if (m.confidence() < minProbability && !t.reviews().containsKey(m.transitionId())) {
                reasons.add(String.format(Locale.ROOT, "%s at %.1f h unreviewed, confidence %.2f", m.stageName(),
                        m.onsetHours(), m.confidence()));
            }
        }
        return reasons;
    }
}
