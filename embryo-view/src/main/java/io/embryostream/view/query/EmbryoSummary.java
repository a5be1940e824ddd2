package io.embryostream.view.query;

import io.embryostream.view.timeline.AlertMark;
import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.StagePoint;
import java.util.List;

/**
 * One embryo in a list: where it is, its current stage and why it may need a look.
 *
 * @param slide      the display label up to its last space (the slide id), or the whole label
 * @param well       the display label after its last space (P03, WELL01), or empty
 * @param hours      hours post-insemination of the current stage's time point; null before any
 * @param alertTypes distinct alert types, in order of first occurrence
 */
public record EmbryoSummary(String embryoId, String displayLabel, String slide, String well, String stageName,
                            int stageIndex, Double hours, float maxProbability, String modelId, String modelVersion,
                            int alertCount, List<String> alertTypes, List<String> reviewReasons, long updatedAtMillis) {

    public static EmbryoSummary of(EmbryoTimeline t, ReviewPolicy policy) {
        String label = t.displayLabel() == null ? t.embryoId() : t.displayLabel();
        int space = label.lastIndexOf(' ');
        StagePoint current = t.current().orElse(null);
        return new EmbryoSummary(t.embryoId(), label, space < 0 ? label : label.substring(0, space),
                space < 0 ? "" : label.substring(space + 1), t.currentStageName(),
                current == null ? -1 : current.stageIndex(), current == null ? null : current.hours(),
                current == null ? 0 : current.maxProbability(), t.modelId(), t.modelVersion(), t.alerts().size(),
                t.alerts().stream().map(AlertMark::type).distinct().toList(), policy.reasons(t), t.updatedAtMillis());
    }

    public boolean needsReview() {
        return !reviewReasons.isEmpty();
    }
}
