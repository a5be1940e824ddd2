package io.embryostream.alerts;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff: {@code initial}, doubling up to {@code max} per wait, and no further
 * attempt once {@code giveUpAfter} has passed since the first one.
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}, or empty when that attempt would start
     * after the give-up time.
     */
    public Optional<Duration> delayAfter(int failedAttempts, Duration sinceFirstAttempt) {
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        delay = delay.compareTo(max) > 0 ? max : delay;
        return sinceFirstAttempt.plus(delay).compareTo(giveUpAfter) > 0 ? Optional.empty() : Optional.of(delay);
    }
}
