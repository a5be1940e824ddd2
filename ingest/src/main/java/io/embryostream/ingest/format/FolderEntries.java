package io.embryostream.ingest.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A folder's entries in name order, and the names the formats share. */
public final class FolderEntries {

    private FolderEntries() {
    }

    public static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        }
    }

    public static List<Path> files(Path folder) throws IOException {
        return list(folder).stream().filter(Files::isRegularFile).toList();
    }

    /** The video containers exports come in. */
    public static boolean isVideo(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".avi") || lower.endsWith(".mp4");
    }

    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
