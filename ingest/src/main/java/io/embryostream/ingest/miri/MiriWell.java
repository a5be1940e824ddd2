package io.embryostream.ingest.miri;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A well of a MIRI slide, {@code P1} … {@code P14}; its id is written {@code P01} as in video names. */
public record MiriWell(int number) {

    private static final Pattern PATTERN = Pattern.compile("[Pp]0*(\\d{1,3})");

    public MiriWell {
        if (number < 1) {
            throw new IllegalArgumentException("MIRI well numbers start at 1, was " + number);
        }
    }

    /** Accepts {@code P1}, {@code P01}, {@code p1}; empty for anything else. */
    public static Optional<MiriWell> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(text.trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
            return Optional.empty();
        }
        return Optional.of(new MiriWell(Integer.parseInt(m.group(1))));
    }

    /** The well id as in video names and {@code WellAnnotation}s, e.g. {@code P01}. */
    public String id() {
        return String.format("P%02d", number);
    }
}
