package io.embryostream.classifier.embryo;

import java.time.Duration;

/**
 * How long the classifier keeps an embryo: the housekeeping scan runs every {@code housekeepingInterval};
 * an embryo without frames for {@code inactivityTimeout} is dropped; an ended one waits {@code endGrace}
 * after its end and its last frame for frames the end overtook.
 */
public record EmbryoLifetime(Duration housekeepingInterval, Duration inactivityTimeout, Duration endGrace) {
}
