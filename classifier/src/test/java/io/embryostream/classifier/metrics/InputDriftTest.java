package io.embryostream.classifier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class InputDriftTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClassifierMetrics metrics = new ClassifierMetrics(registry);

    @Test
    void theRunningFiguresAverageTheFirstWindowThenFollowAChangeWithinAFewWindows() {
        InputDrift drift = metrics.inputDrift("m", "1.0.0", 0.5, 0.1, 100);
        assertThat(registry.get("embryo.input.pixel.mean").tag("version", "1.0.0").gauge().value()).isNaN();
        // Time points alternating between mean 0.4 and 0.6, each with spread 0.05 inside: overall spread sqrt(0.0125).
        for (int i = 0; i < 100; i++) {
            double m = i % 2 == 0 ? 0.4 : 0.6;
            drift.add(m, m * m + 0.05 * 0.05);
        }
        assertThat(drift.mean()).isCloseTo(0.5, within(1e-9));
        assertThat(drift.std()).isCloseTo(Math.sqrt(0.01 + 0.0025), within(1e-9));
        // A brighter source: after three windows the mean is within 5 % of the change from it.
        for (int i = 0; i < 300; i++) {
            drift.add(0.8, 0.64 + 0.0025);
        }
        assertThat(drift.mean()).isBetween(0.8 - 0.3 * 0.05, 0.8);
        assertThat(registry.get("embryo.input.pixel.mean").tag("model", "m").gauge().value()).isEqualTo(drift.mean());
        assertThat(registry.get("embryo.input.reference.std").tag("model", "m").gauge().value()).isEqualTo(0.1);
        assertThat(registry.get("embryo.input.time.points").tag("model", "m").counter().count()).isEqualTo(400);
        assertThat(metrics.inputDrift("m", "1.0.0", 0.5, 0.1, 100)).as("one per model version").isSameAs(drift);
    }
}
