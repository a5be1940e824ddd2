package io.embryostream.synthetic.simulate;

import java.util.Locale;
import java.util.Optional;

/**
 * What a run asks of the machine: {@code embryos} wells each photographed in {@code planes} focal planes
 * every {@code intervalMinutes} of culture, with culture time running {@code speed} times faster than the
 * wall clock.
 */
public record OfferedLoad(int embryos, int planes, double intervalMinutes, double speed) {

    /**
     * Share of the measured render capacity a run may use: the rest is left for PNG-free work on the same cores
     * (Kafka producer, the classifier in the demo) and for the jitter of a shared machine.
     */
    public static final double HEADROOM = 0.8;

    public OfferedLoad {
        if (embryos < 1 || planes < 1) {
            throw new IllegalArgumentException("embryos and planes must be at least 1, got " + embryos + " and " + planes);
        }
        if (!(intervalMinutes > 0) || !(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("interval and speed must be positive numbers, got " + intervalMinutes
                    + " min and " + speed + "x");
        }
    }

    /** Wall-clock minutes between two frames of one embryo: what the classifier's stalled-stream alert waits on. */
    public double wallIntervalMinutes() {
        return intervalMinutes / speed;
    }

    public double timePointsPerSecond() {
        return embryos / (wallIntervalMinutes() * 60);
    }

    public double framesPerSecond() {
        return timePointsPerSecond() * planes;
    }

    /** The fastest speed whose load fits {@link #HEADROOM} of {@code capacity}. */
    public double maxSpeed(RenderCapacity capacity) {
        return speed * HEADROOM * capacity.framesPerSecond() / framesPerSecond();
    }

    /** Why the machine cannot keep up, with the figures; empty when the load fits. */
    public Optional<String> refusal(RenderCapacity capacity) {
        if (framesPerSecond() <= HEADROOM * capacity.framesPerSecond()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "speed %sx needs %.0f frames/s (%s) but this machine renders and encodes %.0f frames/s with %d threads (%s),"
                        + " of which %.0f%% may be used; at most --speed %s fits. Lower --speed, simulate fewer wells or"
                        + " planes, or give more --threads.",
                number(speed), framesPerSecond(), describe(), capacity.framesPerSecond(), capacity.threads(),
                capacity.how(), HEADROOM * 100, number(Math.floor(maxSpeed(capacity)))));
    }

    /** E.g. {@code 48 embryos x 3 planes, a frame every 10 culture min = 1.00 s wall at 600x: 48.0 time points/s, 144 frames/s}. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%d embryos x %d plane%s, a frame every %s culture min = %.2f s wall at %sx: %.1f time points/s, %.0f frames/s",
                embryos, planes, planes == 1 ? "" : "s", number(intervalMinutes), wallIntervalMinutes() * 60, number(speed),
                timePointsPerSecond(), framesPerSecond());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
