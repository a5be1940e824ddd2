package io.embryostream.view.query;

import io.embryostream.staging.StagingScheme;
import io.embryostream.view.timeline.AlertMark;
import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.Review;
import io.embryostream.view.timeline.StagePoint;
import io.embryostream.view.timeline.TransitionMark;
import java.util.List;

/**
 * Everything about one embryo: {@code GET /embryos/{id}}.
 *
 * @param stageNames  the scheme's class names in index order (the y axis of a timeline), empty for
 *                    a scheme this build does not know
 * @param transitions confirmed transitions in onset order, each with its latest review
 * @param points      every time point's stage and highest probability, in time order
 */
public record EmbryoDetail(EmbryoSummary summary, String scheme, List<String> stageNames,
                           List<ReviewedTransition> transitions, List<AlertMark> alerts, List<StagePoint> points,
                           boolean hasFrame) {

    /** A transition and its review (null when not reviewed). */
    public record ReviewedTransition(TransitionMark transition, Review review) {
    }

    public static EmbryoDetail of(EmbryoTimeline t, List<StagePoint> points, boolean hasFrame, ReviewPolicy policy) {
        List<String> names = t.scheme() == null ? List.of() : knownScheme(t.scheme());
        List<ReviewedTransition> transitions = t.transitions().stream()
                .map(m -> new ReviewedTransition(m, t.reviews().get(m.transitionId()))).toList();
        return new EmbryoDetail(EmbryoSummary.of(t, policy), t.scheme(), names, transitions, t.alerts(), points, hasFrame);
    }

    private static List<String> knownScheme(String id) {
        try {
            return StagingScheme.fromId(id).classNames();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
