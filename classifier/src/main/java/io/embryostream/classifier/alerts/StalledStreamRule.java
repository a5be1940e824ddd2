package io.embryostream.classifier.alerts;

import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stalled-stream rule, on the wall clock: a live embryo whose frames stopped for
 * {@code alerts.stalled.intervals} nominal intervals (at least {@code alerts.stalled.min-silence-minutes})
 * raises one STALLED_STREAM alert until its next frame.
 */
public final class StalledStreamRule {

    private final AlertThresholds thresholds;

    public StalledStreamRule(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The alert a stream raises now, if it does.
     *
     * @param live                   a live source (exports replay at their own pace and never stall)
     * @param alreadyRaised          raised since the embryo's last frame
     * @param nominalIntervalMinutes the source's frame interval, 0 when unknown (then the rule stays off)
     * @param silentMillis           wall-clock time since the embryo's last frame
     * @param highWaterMark          the last time point accepted, named in the alert
     */
    public Optional<AlertRules.Raised> check(boolean live, boolean alreadyRaised, double nominalIntervalMinutes,
                                             long silentMillis, int highWaterMark) {
        if (!live || alreadyRaised || nominalIntervalMinutes <= 0 || silentMillis <= 60_000 * Math.max(
                thresholds.stalledMinSilenceMinutes(), thresholds.stalledIntervals() * nominalIntervalMinutes)) {
            return Optional.empty();
        }
        double minutes = silentMillis / 60_000.0;
        return Optional.of(new AlertRules.Raised(AlertType.STALLED_STREAM, Severity.CRITICAL,
                "STALLED_STREAM:" + highWaterMark,
                String.format(Locale.ROOT, "Stalled stream: no frame for %.1f min (%.1f nominal intervals)", minutes,
                        minutes / nominalIntervalMinutes),
                Map.of("lastTimePoint", String.valueOf(highWaterMark), "silentMinutes",
                        String.format(Locale.ROOT, "%.1f", minutes), "nominalIntervalMinutes",
                        String.valueOf(nominalIntervalMinutes))));
    }
}
