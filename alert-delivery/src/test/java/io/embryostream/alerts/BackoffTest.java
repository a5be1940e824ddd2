package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(20), 0.5);

    @Test
    void waitsDoubleFromTheInitialDelayUpToTheMaximum() {
        assertThat(backoff.delayAfter(1, Duration.ZERO, 0)).contains(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(2, Duration.ZERO, 0)).contains(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3, Duration.ZERO, 0)).contains(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(4, Duration.ZERO, 0)).contains(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(40, Duration.ZERO, 0)).contains(Duration.ofSeconds(4));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartAfterTheGiveUpTime() {
        assertThat(backoff.delayAfter(5, Duration.ofSeconds(16), 0)).contains(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(5, Duration.ofMillis(16_001), 0)).isEmpty();
    }

    @Test
    void jitterShortensAWaitByUpToItsShareAndNeverLengthensIt() {
        assertThat(backoff.delayAfter(4, Duration.ZERO, 0.999)).hasValueSatisfying(d ->
                assertThat(d).isGreaterThan(Duration.ofMillis(2_000)).isLessThan(Duration.ofMillis(2_010)));
        assertThat(backoff.delayAfter(4, Duration.ZERO, 0.5)).contains(Duration.ofSeconds(3));
        java.util.Set<Duration> drawn = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration d = backoff.delayAfter(3, Duration.ZERO).orElseThrow();
            assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            drawn.add(d);
        }
        assertThat(drawn).as("deliveries that failed together spread out").hasSizeGreaterThan(40);
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(9), 0))
                .hasMessageContaining("initial <= max");
    }
}
