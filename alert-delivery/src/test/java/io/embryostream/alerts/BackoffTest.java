package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(20));

    @Test
    void waitsDoubleFromTheInitialDelayUpToTheMaximum() {
        assertThat(backoff.delayAfter(1, Duration.ZERO)).contains(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(2, Duration.ZERO)).contains(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3, Duration.ZERO)).contains(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(4, Duration.ZERO)).contains(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(40, Duration.ZERO)).contains(Duration.ofSeconds(4));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartAfterTheGiveUpTime() {
        assertThat(backoff.delayAfter(5, Duration.ofSeconds(16))).contains(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(5, Duration.ofMillis(16_001))).isEmpty();
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(9)))
                .hasMessageContaining("initial <= max");
    }
}
