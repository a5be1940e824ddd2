package io.embryostream.synthetic.simulate;

import java.util.Locale;

/** The simulate progress line: embryos, time points per second since the last line, culture hours. */
public final class IncubatorProgressLine {

    private IncubatorStats previous;

    /**
     * E.g. {@code simulate: 16 embryos (16 started, 0 ended), 480 time points (15.9/s), 480 frames, culture 29.8 of
     * 140 h, on schedule}. The rate is over the time since the previous line (since the start for the first).
     */
    public String line(IncubatorStats now) {
        long points = now.timePoints() - (previous == null ? 0 : previous.timePoints());
        double seconds = now.elapsedSeconds() - (previous == null ? 0 : previous.elapsedSeconds());
        previous = now;
        String schedule = now.lagSeconds() > 0.5
                ? String.format(Locale.ROOT, "%.1f s behind schedule", now.lagSeconds()) : "on schedule";
        return String.format(Locale.ROOT,
                "simulate: %d embryos (%d started, %d ended), %d time points (%.1f/s), %d frames%s, culture %.1f of %.0f h, %s",
                now.embryos(), now.embryosStarted(), now.embryosEnded(), now.timePoints(),
                seconds > 0 ? points / seconds : 0.0, now.frames(),
                now.badRecords() > 0 ? " + " + now.badRecords() + " bad records" : "", now.cultureHours(),
                now.targetHours(), schedule);
    }
}
