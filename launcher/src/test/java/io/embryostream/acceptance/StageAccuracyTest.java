package io.embryostream.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StageAccuracyTest {

    @Test
    void aTimePointTakesTheStageOfTheLastConfirmedOnsetAtOrBeforeIt() {
        ConfirmedStages confirmed = new ConfirmedStages();
        confirmed.confirm(3, "PB2");
        confirmed.confirm(1, "pre-PB2");
        confirmed.confirm(4, "PN");

        assertThat(confirmed.at(1)).isEqualTo("pre-PB2");
        assertThat(confirmed.at(2)).as("PB2 was confirmed from 3 on").isEqualTo("pre-PB2");
        assertThat(confirmed.at(3)).isEqualTo("PB2");
        assertThat(confirmed.at(70)).isEqualTo("PN");
    }

    @Test
    void onlyLabelledTimePointsCountAndOnesWithoutAStageAreWrong() {
        ConfirmedStages confirmed = new ConfirmedStages();
        confirmed.confirm(3, "PB2");
        StageAccuracy a = new StageAccuracy();

        a.add(new TreeMap<>(Map.of(2, "pre-PB2", 3, "PB2", 4, "PB2", 5, "PN")), confirmed::at);

        assertThat(a.frames()).isEqualTo(4);
        assertThat(a.missing()).as("time point 2 comes before the first confirmed onset").isEqualTo(1);
        assertThat(a.accuracy()).isEqualTo(0.5, within(1e-12));
    }
}
