package io.embryostream.ingest.source;

import java.nio.file.Path;

/**
 * Something the ingest skipped: the file (relative to the export root) and what was wrong and what
 * to do. Shown to the operator only; never published.
 */
public record IngestProblem(String file, String message) {

    /** A problem with {@code file}; {@code detail}'s own leading "file: " (absolute or bare name) is dropped. */
    public static IngestProblem of(Path root, Path file, String detail) {
        String relative = SourceRefs.relative(root, file);
        String text = detail == null ? "" : detail;
        for (String prefix : new String[] {file.toAbsolutePath() + ": ", file + ": ", file.getFileName() + ": "}) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
                break;
            }
        }
        return new IngestProblem(relative, text);
    }

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
