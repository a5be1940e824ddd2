package io.embryostream.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** A fresh copy of a valid export for each mutant: media hard-linked (they are not changed), the rest copied. */
final class Folders {

    private Folders() {
    }

    /** Copies {@code from} to {@code to}; files in {@code copied} (by name) are real copies, others links. */
    static void copy(Path from, Path to, Set<String> copiedNames) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (copiedNames.contains(p.getFileName().toString()) || copiedNames.contains("*")) {
                    Files.copy(p, target);
                } else {
                    Files.createLink(target, p);
                }
            }
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
