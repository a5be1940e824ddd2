package io.embryostream.view.query;

import java.util.List;

/**
 * Reference onset windows (hours post-insemination) from the literature cited in FORMATS.md, drawn
 * shaded behind timelines: mean ± 1 SD where an SD is published, the published range otherwise.
 * They are orientation for people, not the alert thresholds (those are the classifier's settings).
 */
public final class ReferenceWindows {

    /** One stage's window. */
    public record Window(String stageName, double fromHours, double toHours, String source) {
    }

    private static final List<Window> WINDOWS = List.of(
            new Window("t2", 22.2, 27.8, "25.0 ± 2.8 h"),
            new Window("t5", 43.7, 54.7, "49.2 ± 5.5 h"),
            new Window("t8", 49.3, 62.1, "55.7 ± 6.4 h"),
            new Window("tM", 80, 87, "compaction ≈ 80–87 h"),
            new Window("tB", 97, 100, "blastocyst ≈ 97–100 h"));

    private ReferenceWindows() {
    }

    public static List<Window> all() {
        return WINDOWS;
    }
}
