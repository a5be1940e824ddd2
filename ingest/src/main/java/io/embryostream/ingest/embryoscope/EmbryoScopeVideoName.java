package io.embryostream.ingest.embryoscope;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The video of one well and focal plane, as this project names EmbryoScope videos (the
 * instrument's own names were not seen): {@code <slide-id>_WELL<nn>_F<plane>.avi}, the plane
 * written as its signed offset from the central plane ({@code F-15}, {@code F0}, {@code F15});
 * a single-plane export may write {@code <slide-id>_WELL<nn>.avi}, which is the central plane.
 */
public record EmbryoScopeVideoName(String slideId, EmbryoScopeWell well, int planeOffset, boolean planeInName) {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<slide>.+)_WELL(?<well>\\d{2,3})(?:_F(?<plane>[-+]?\\d{1,3}))?\\.avi", Pattern.CASE_INSENSITIVE);

    public EmbryoScopeVideoName {
        if (slideId == null || slideId.isBlank()) {
            throw new IllegalArgumentException("An EmbryoScope video name needs a slide id");
        }
        if (!planeInName && planeOffset != 0) {
            throw new IllegalArgumentException("Only the central plane (0) may leave the plane out of the name");
        }
    }

    /** The video of {@code well} at {@code planeOffset}, with the plane in the name. */
    public static EmbryoScopeVideoName of(String slideId, EmbryoScopeWell well, int planeOffset) {
        return new EmbryoScopeVideoName(slideId, well, planeOffset, true);
    }

    /** The parsed name, or empty when {@code fileName} does not follow the pattern. */
    public static Optional<EmbryoScopeVideoName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches() || Integer.parseInt(m.group("well")) < 1) {
            return Optional.empty();
        }
        String plane = m.group("plane");
        EmbryoScopeWell well = new EmbryoScopeWell(Integer.parseInt(m.group("well")));
        return Optional.of(new EmbryoScopeVideoName(m.group("slide"), well,
                plane == null ? 0 : Integer.parseInt(plane), plane != null));
    }

    public String fileName() {
        return slideId + "_" + well.id() + (planeInName ? "_F" + planeOffset : "") + ".avi";
    }

    @Override
    public String toString() {
        return fileName();
    }
}
