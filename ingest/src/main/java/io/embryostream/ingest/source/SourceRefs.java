package io.embryostream.ingest.source;

import java.nio.file.Path;

/** Source references as published: relative to the export (or watched) root, '/'-separated. */
final class SourceRefs {

    private SourceRefs() {
    }

    static String relative(Path root, Path file) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        if (!absoluteFile.startsWith(absoluteRoot)) {
            throw new IllegalArgumentException("source file lies outside the export root; only files under the root are ingested");
        }
        String relative = absoluteRoot.relativize(absoluteFile).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
