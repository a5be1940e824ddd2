package io.embryostream.ingest.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one image a live incubator writes: {@code <frame>_F<plane>.png} (or {@code .jpg},
 * {@code .jpeg}), the frame 1-based, the plane a signed offset ({@code 12_F-15.png}). A file being
 * written carries a further {@code .part} suffix and is renamed when complete.
 */
record LiveFrameName(int frame, int plane) {

    static final String PARTIAL_SUFFIX = ".part";
    private static final Pattern PATTERN = Pattern.compile("(?<frame>\\d{1,6})_F(?<plane>[-+]?\\d{1,3})\\.(?:png|jpe?g)",
            Pattern.CASE_INSENSITIVE);

    static Optional<LiveFrameName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches() || Integer.parseInt(m.group("frame")) < 1) {
            return Optional.empty();
        }
        return Optional.of(new LiveFrameName(Integer.parseInt(m.group("frame")), Integer.parseInt(m.group("plane"))));
    }
}
