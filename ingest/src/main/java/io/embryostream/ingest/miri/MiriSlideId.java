package io.embryostream.ingest.miri;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A MIRI slide (culture dish) id such as {@code MTL-0130-0EFD-D6E0-[37]}. The bracketed number
 * belongs to the id: it is not a counter a reader may strip.
 */
public record MiriSlideId(String value) {

    /** A letter/digit prefix, three groups of four hex digits, then the bracketed number. */
    static final String REGEX = "[A-Za-z0-9]+(?:-[0-9A-Fa-f]{4}){3}-\\[\\d+\\]";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    public MiriSlideId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a MIRI slide id: '" + value + "'; expected e.g. MTL-0130-0EFD-D6E0-[37]");
        }
    }

    /** The slide id, or empty when {@code text} is not one. */
    public static Optional<MiriSlideId> parse(String text) {
        return text != null && PATTERN.matcher(text).matches() ? Optional.of(new MiriSlideId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
