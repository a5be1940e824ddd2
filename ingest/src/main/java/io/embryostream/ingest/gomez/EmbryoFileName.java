package io.embryostream.ingest.gomez;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Gomez per-embryo file name: {@code <embryo><suffix>} ({@code KF460-3_phases.csv}). */
final class EmbryoFileName {

    private final Pattern pattern;

    EmbryoFileName(String suffix) {
        this.pattern = Pattern.compile("(?<embryo>.+)" + Pattern.quote(suffix));
    }

    /** The embryo name in {@code file}'s name, empty when the name does not end in the suffix. */
    Optional<String> embryoOf(Path file) {
        Matcher m = pattern.matcher(String.valueOf(file.getFileName()));
        return m.matches() ? Optional.of(m.group("embryo")) : Optional.empty();
    }
}
