package io.embryostream.synthetic.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CultureScheduleTest {

    @Test
    void fifteenMinuteFramesOver140HoursAre560TimePointsFromInsemination() {
        CultureSchedule s = new CultureSchedule(15, 140);
        assertThat(s.timePoints()).isEqualTo(560);
        assertThat(s.hoursAt(1, 0)).isZero();
        assertThat(s.hoursAt(560, 0)).isEqualTo(139.75);
        assertThat(s.hoursAt(2, 0.5)).isEqualTo(0.375);
    }

    @Test
    void anEmbryoRecordedForFewerHoursEndsAtItsLastTimePointByThen() {
        CultureSchedule s = new CultureSchedule(20, 140);
        assertThat(s.lastTimePointBy(94, 0)).isEqualTo(283); // 94 h = time point 283 exactly (282 × 20 min)
        assertThat(s.hoursAt(283, 0)).isEqualTo(94.0);
        assertThat(s.lastTimePointBy(94, 0.5)).isEqualTo(282);
        assertThat(s.lastTimePointBy(500, 0)).isEqualTo(420);
        assertThat(s.lastTimePointBy(Double.POSITIVE_INFINITY, 0.3)).isEqualTo(420);
        assertThat(s.lastTimePointBy(0.1, 0.5)).isZero();
    }

    @Test
    void timePointsOutsideTheCultureAndEmptyCulturesAreRefused() {
        CultureSchedule s = new CultureSchedule(10, 1);
        assertThatThrownBy(() -> s.hoursAt(7, 0)).hasMessageContaining("outside 1..6");
        assertThatThrownBy(() -> s.hoursAt(1, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new CultureSchedule(15, 0.1)).hasMessageContaining("at least one frame interval");
        assertThatThrownBy(() -> new CultureSchedule(0, 140)).hasMessageContaining("positive");
    }
}
