package io.embryostream.view.report;

import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import io.embryostream.view.query.ReviewPolicy;
import io.embryostream.view.timeline.AlertMark;
import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.Review;
import io.embryostream.view.timeline.TransitionMark;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One embryo's line in a clinic report: its slide and well (from the display label
 * {@code <slide> <well>}), the predicted onsets as annotation phases, the model and why it may need
 * a look.
 *
 * @param reviewFlags alert types, reviews (confirmed / corrected, by whom) and unreviewed
 *                    low-confidence calls, "; "-separated; empty when there is nothing to say
 */
public record ReportRow(String slide, int wellNumber, Map<Phase, Double> onsets, String modelId, String modelVersion,
                        String reviewFlags) {

    private static final Pattern WELL = Pattern.compile("(?:P|WELL)0*(\\d{1,3})", Pattern.CASE_INSENSITIVE);

    /** The row of {@code t}; empty when its display label names no well (P03, WELL03). */
    public static Optional<ReportRow> of(EmbryoTimeline t, ReviewPolicy policy) {
        String label = t.displayLabel() == null ? "" : t.displayLabel();
        int space = label.lastIndexOf(' ');
        Matcher m = WELL.matcher(space < 0 ? label : label.substring(space + 1));
        if (space < 0 || !m.matches() || Integer.parseInt(m.group(1)) < 1) {
            return Optional.empty();
        }
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        for (TransitionMark mark : t.transitions()) {
            phaseOf(t.scheme(), mark).ifPresent(p -> onsets.merge(p, mark.onsetHours(), Math::min));
        }
        return Optional.of(new ReportRow(label.substring(0, space), Integer.parseInt(m.group(1)), onsets, t.modelId(),
                t.modelVersion(), flags(t, policy)));
    }

    /**
     * The annotation phase a transition's stage is: gomez-16 stages are phases by name; pronuclear-3's
     * PB2 is tPB2 and PN is tPNa (its first class, before PB2, has no onset to report).
     */
    static Optional<Phase> phaseOf(String scheme, TransitionMark mark) {
        if (StagingScheme.PRONUCLEAR_3.id().equals(scheme)) {
            return switch (StagingScheme.PRONUCLEAR_3.classNames().indexOf(mark.stageName())) {
                case 1 -> Optional.of(Phase.TPB2);
                case 2 -> Optional.of(Phase.TPNA);
                default -> Optional.empty();
            };
        }
        return Phase.fromAnnotationName(mark.stageName());
    }

    private static String flags(EmbryoTimeline t, ReviewPolicy policy) {
        List<String> flags = new ArrayList<>();
        t.alerts().stream().map(AlertMark::type).distinct().forEach(flags::add);
        for (TransitionMark mark : t.transitions()) {
            Review r = t.reviews().get(mark.transitionId());
            if (r == null) {
                continue;
            }
            if (r.action().equals(Review.CONFIRM)) {
                flags.add(mark.stageName() + " confirmed by " + r.reviewer());
            } else {
                flags.add(mark.stageName() + " corrected to "
                        + (r.correctedStageName() != null ? r.correctedStageName() + " " : "")
                        + (r.correctedOnsetHours() != null ? String.format(Locale.ROOT, "%.2f h ", r.correctedOnsetHours()) : "")
                        + "by " + r.reviewer());
            }
        }
        flags.addAll(policy.reasons(t).stream().filter(reason -> !reason.startsWith("low-confidence alert")).toList());
        return String.join("; ", flags);
    }
}
