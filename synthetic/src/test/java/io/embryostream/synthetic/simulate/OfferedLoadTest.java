package io.embryostream.synthetic.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OfferedLoadTest {

    /** 2 incubators x 3 slides x 8 wells, planes -15/0/15, 10 culture minutes per frame at 600x. */
    private final OfferedLoad load = new OfferedLoad(new IncubatorLayout(2, 3, 8).embryos(), 3, 10, 600);

    @Test
    void aTimePointEveryWallSecondPerEmbryoAt600xWithTenMinuteFrames() {
        assertThat(load.embryos()).isEqualTo(48);
        assertThat(load.wallIntervalMinutes()).isCloseTo(1.0 / 60, within(1e-12));
        assertThat(load.timePointsPerSecond()).isCloseTo(48, within(1e-9));
        assertThat(load.framesPerSecond()).isCloseTo(144, within(1e-9));
        assertThat(load.describe()).isEqualTo("48 embryos x 3 planes, a frame every 10 culture min = 1.00 s wall at 600x:"
                + " 48.0 time points/s, 144 frames/s");
    }

    @Test
    void theLoadScalesWithSpeedAndInverselyWithTheInterval() {
        OfferedLoad faster = new OfferedLoad(48, 3, 10, 1200);
        OfferedLoad sparser = new OfferedLoad(48, 3, 20, 600);
        assertThat(faster.framesPerSecond()).isCloseTo(288, within(1e-9));
        assertThat(sparser.framesPerSecond()).isCloseTo(72, within(1e-9));
        assertThat(new OfferedLoad(1, 1, 15, 1).framesPerSecond()).isCloseTo(1 / 900.0, within(1e-12));
    }

    @Test
    void aLoadWithinTheHeadroomIsAccepted() {
        assertThat(load.refusal(new RenderCapacity(180, 2, "test figure"))).isEmpty(); // 144 <= 0.8 x 180
    }

    @Test
    void aLoadBeyondTheHeadroomIsRefusedWithTheFiguresAndTheSpeedThatFits() {
        RenderCapacity capacity = new RenderCapacity(100, 2, "test figure");

        assertThat(load.maxSpeed(capacity)).isCloseTo(600 * 0.8 * 100 / 144, within(1e-9));
        assertThat(load.refusal(capacity)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("speed 600x needs 144 frames/s")
                .contains("renders and encodes 100 frames/s with 2 threads (test figure)")
                .contains("at most --speed 333 fits")
                .contains("Lower --speed"));
    }
}
