package io.embryostream.ingest.embryoscope;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A well of an EmbryoScope slide; its id is written {@code WELL01} as in this project's video names. */
public record EmbryoScopeWell(int number) {

    private static final Pattern ID = Pattern.compile("WELL(\\d{2,3})");

    public EmbryoScopeWell {
        if (number < 1) {
            throw new IllegalArgumentException("EmbryoScope well numbers start at 1, was " + number);
        }
    }

    /** Parses an id {@code WELL01}; empty for anything else. */
    public static Optional<EmbryoScopeWell> parseId(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1) {
            return Optional.empty();
        }
        return Optional.of(new EmbryoScopeWell(Integer.parseInt(m.group(1))));
    }

    public String id() {
        return String.format("WELL%02d", number);
    }
}
