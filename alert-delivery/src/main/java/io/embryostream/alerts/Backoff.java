package io.embryostream.alerts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: {@code initial}, doubling up to {@code max} per wait, each wait
 * shortened by a random share of up to {@code jitter} of it (so deliveries that failed together do
 * not retry together against a receiver coming back), and no further attempt once {@code giveUpAfter}
 * has passed since the first one.
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), got " + jitter);
        }
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}, or empty when that attempt would start
     * after the give-up time.
     */
    public Optional<Duration> delayAfter(int failedAttempts, Duration sinceFirstAttempt) {
        return delayAfter(failedAttempts, sinceFirstAttempt, ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #delayAfter(int, Duration)}, with the random draw given: {@code uniform} in [0, 1). */
    Optional<Duration> delayAfter(int failedAttempts, Duration sinceFirstAttempt, double uniform) {
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        delay = delay.compareTo(max) > 0 ? max : delay;
        delay = Duration.ofNanos(Math.round(delay.toNanos() * (1 - jitter * uniform)));
        return sinceFirstAttempt.plus(delay).compareTo(giveUpAfter) > 0 ? Optional.empty() : Optional.of(delay);
    }
}
