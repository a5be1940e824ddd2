package io.embryostream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameIntervalTest {

    private static final double NOMINAL = 20 / 60.0;
    private final FrameInterval resampling = new FrameInterval(true, 0.25);

    /** The minutes of the time points that advance the head, for a stream every {@code every} minutes over 2 h. */
    private List<Integer> advancing(FrameInterval interval, int every, double nominalHours) {
        List<Integer> out = new ArrayList<>();
        TemporalContext.Cadence c = TemporalContext.Cadence.NONE;
        for (int m = every; m <= 120; m += every) {
            double h = m / 60.0;
            boolean advances = interval.advances(c, h, nominalHours);
            if (advances) {
                out.add(m);
            }
            c = new TemporalContext.Cadence(advances ? h : c.advancedHours(), h);
        }
        return out;
    }

    @Test
    void streamsFasterThanTheModelAdvanceOnItsGridAndSlowerOnesOnEveryFrame() {
        assertThat(advancing(resampling, 5, NOMINAL)).containsExactly(5, 25, 45, 65, 85, 105);
        assertThat(advancing(resampling, 10, NOMINAL)).containsExactly(10, 30, 50, 70, 90, 110);
        assertThat(advancing(resampling, 15, NOMINAL)).as("15 is nearer 20 than 30 is").hasSize(8);
        assertThat(advancing(resampling, 20, NOMINAL)).hasSize(6);
        assertThat(advancing(resampling, 40, NOMINAL)).containsExactly(40, 80, 120);
        // 0.3333001 h: the float rounding of 20 min in the shipped model.json must not skip grid frames.
        assertThat(advancing(resampling, 5, 0.3333001136779785)).containsExactly(5, 25, 45, 65, 85, 105);
        assertThat(advancing(new FrameInterval(false, 0.25), 5, NOMINAL)).hasSize(24);
    }

    @Test
    void aMissingFrameAdvancesAtTheNextFrameOnly() {
        // 5-min stream, advanced at 5, the frame at 25 lost: the gap of 10 makes 30 (25 after the advance) nearer the
        // grid than waiting for 35 would be...
        TemporalContext.Cadence c = new TemporalContext.Cadence(5 / 60.0, 20 / 60.0);
        assertThat(resampling.advances(c, 30 / 60.0, NOMINAL)).isTrue();
        // ...while with no frame lost, 20 min after the advance is not yet (17.5 needed with a 5-min gap: 20 is).
        assertThat(resampling.advances(new TemporalContext.Cadence(5 / 60.0, 15 / 60.0), 20 / 60.0, NOMINAL)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"5, SHORTER", "14, SHORTER", "15, NONE", "20, NONE", "25, NONE", "26, LONGER", "40, LONGER",
            "0, NONE", "-5, NONE"})
    void aGapIsOffTheModelsIntervalBeyondTheTolerance(int minutes, FrameInterval.Mismatch expected) {
        assertThat(resampling.mismatch(minutes / 60.0, NOMINAL)).isEqualTo(expected);
    }

    @Test
    void theShippedModelsRoundedIntervalMatchesTwentyFiveAndTwentyMinuteStreams() {
        double shipped = 0.3333001136779785;
        assertThat(resampling.mismatch(25 / 60.0, shipped)).isEqualTo(FrameInterval.Mismatch.NONE);
        assertThat(resampling.mismatch(15 / 60.0, shipped)).isEqualTo(FrameInterval.Mismatch.NONE);
        assertThat(resampling.mismatch(26 / 60.0, shipped)).isEqualTo(FrameInterval.Mismatch.LONGER);
        assertThat(new FrameInterval(true, 0).mismatch(20 / 60.0, shipped)).isEqualTo(FrameInterval.Mismatch.NONE);
    }

    @Test
    void onlyAStreamUnderTwoThirdsOfTheModelsIntervalIsResampled() {
        assertThat(resampling.resamples(5 / 60.0, NOMINAL)).isTrue();
        assertThat(resampling.resamples(12 / 60.0, NOMINAL)).isTrue();
        assertThat(resampling.resamples(14 / 60.0, NOMINAL)).as("a mismatch, but every frame advances").isFalse();
        assertThat(new FrameInterval(false, 0.25).resamples(5 / 60.0, NOMINAL)).isFalse();
        // the same boundary as advances(): a 14-minute stream advances on every frame
        assertThat(advancing(resampling, 14, NOMINAL)).hasSize(8);
        assertThat(advancing(resampling, 12, NOMINAL)).containsExactly(12, 36, 60, 84, 108);
    }

    @Test
    void aMismatchIsConfirmedAfterThreeGapsInOneDirection() {
        int streak = 0;
        streak = FrameInterval.streak(streak, FrameInterval.Mismatch.SHORTER);
        streak = FrameInterval.streak(streak, FrameInterval.Mismatch.SHORTER);
        assertThat(FrameInterval.confirmed(streak)).isEqualTo(FrameInterval.Mismatch.NONE);
        streak = FrameInterval.streak(streak, FrameInterval.Mismatch.SHORTER);
        assertThat(FrameInterval.confirmed(streak)).isEqualTo(FrameInterval.Mismatch.SHORTER);
        streak = FrameInterval.streak(streak, FrameInterval.Mismatch.LONGER);
        assertThat(streak).as("a gap the other way starts a new run").isEqualTo(1);
        streak = FrameInterval.streak(FrameInterval.streak(streak, FrameInterval.Mismatch.LONGER),
                FrameInterval.Mismatch.LONGER);
        assertThat(FrameInterval.confirmed(streak)).isEqualTo(FrameInterval.Mismatch.LONGER);
        assertThat(FrameInterval.streak(streak, FrameInterval.Mismatch.NONE)).isZero();
    }

    @Test
    void aToleranceOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new FrameInterval(true, 1.5)).hasMessageContaining("model.interval.tolerance");
    }
}
