package io.embryostream.classifier.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.config.Settings;
import io.embryostream.schemas.AlertType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stalled-stream rule: three nominal intervals, a floor for fast sources, once per silence, live sources only. */
class StalledStreamRuleTest {

    private final StalledStreamRule rule = new StalledStreamRule(AlertThresholds.from(Settings.resolve(
            AlertThresholds.defaults(), null, Map.of(), Map.of())));

    @Test
    void aLiveStreamSilentForThreeIntervalsIsStalled() {
        long tenMinutes = 10 * 60_000L;
        assertThat(rule.check(true, false, 10, 3 * tenMinutes, 41)).isEmpty();
        AlertRules.Raised a = rule.check(true, false, 10, 3 * tenMinutes + 1_000, 41).orElseThrow();
        assertThat(a.type()).isEqualTo(AlertType.STALLED_STREAM);
        assertThat(a.key()).isEqualTo("STALLED_STREAM:41");
        assertThat(a.evidence()).containsEntry("lastTimePoint", "41").containsEntry("nominalIntervalMinutes", "10.0");
        assertThat(a.message()).startsWith("Stalled stream: no frame for 30.0 min (3.0 nominal intervals)");
    }

    @Test
    void aFastSourceWaitsForTheSilenceFloor() {
        assertThat(rule.check(true, false, 0.1, 60_000, 3)).as("within the 2-minute floor").isEmpty();
        assertThat(rule.check(true, false, 0.1, 121_000, 3)).isPresent();
    }

    @Test
    void exportsUnknownIntervalsAndRaisedStreamsStayQuiet() {
        long hour = 3_600_000L;
        assertThat(rule.check(false, false, 10, hour, 1)).as("an export replays at its own pace").isEmpty();
        assertThat(rule.check(true, false, 0, hour, 1)).as("interval unknown").isEmpty();
        assertThat(rule.check(true, true, 10, hour, 1)).as("raised since the last frame").isEmpty();
    }
}
