package io.embryostream.ingest.miri;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A MIRI video file name, {@code <slide id>-P<ww>-FP<f>.avi} or {@code .mp4}. */
public record MiriVideoName(MiriSlideId slide, MiriWell well, int focalPlane, String extension) {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<slide>" + MiriSlideId.REGEX + ")-(?<well>[Pp]\\d{1,3})-FP(?<fp>\\d{1,2})\\.(?<ext>avi|mp4)",
            Pattern.CASE_INSENSITIVE);

    public MiriVideoName {
        extension = extension.toLowerCase(Locale.ROOT);
        if (!extension.equals("avi") && !extension.equals("mp4")) {
            throw new IllegalArgumentException("MIRI videos are .avi or .mp4, not ." + extension);
        }
        if (focalPlane < 1) {
            throw new IllegalArgumentException("MIRI focal planes start at FP1, was FP" + focalPlane);
        }
    }

    /** The parsed name, or empty when {@code fileName} is not a MIRI video name. */
    public static Optional<MiriVideoName> parse(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<MiriWell> well = MiriWell.parse(m.group("well"));
        int fp = Integer.parseInt(m.group("fp"));
        if (well.isEmpty() || fp < 1) {
            return Optional.empty();
        }
        return MiriSlideId.parse(m.group("slide")).map(slide -> new MiriVideoName(slide, well.get(), fp, m.group("ext")));
    }

    /** The signed plane offset of this video's focal plane ({@link MiriFocalPlanes}). */
    public OptionalInt planeOffset() {
        return MiriFocalPlanes.offsetOf(focalPlane);
    }

    public String fileName() {
        return slide.value() + "-" + well.id() + "-FP" + focalPlane + "." + extension;
    }

    @Override
    public String toString() {
        return fileName();
    }
}
