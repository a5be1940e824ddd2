package io.embryostream.ingest.layout;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.format.ExportFormat;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.FolderEntries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exports a clinic hands over: one export folder, a folder of exports at any depth and in any
 * mix of formats, or several such folders. A folder whose own entries mark one format is an export
 * and is not looked into further; a folder marking several is reported and skipped; any other
 * folder is searched. Folders are visited in name order, each real folder once (links included).
 *
 * @param exports  the exports found, in the order they are read
 * @param refused  folders below a named one that hold exports of several kinds
 */
public record ExportArchive(List<Found> exports, List<Refused> refused) {

    /** Deeper than any real archive; stops a runaway walk without a visited-set miss. */
    private static final int MAX_DEPTH = 64;

    public ExportArchive {
        exports = List.copyOf(exports);
        refused = List.copyOf(refused);
    }

    /**
     * One export of the archive.
     *
     * @param root   the folder the operator named that it was found under
     * @param folder the export's own folder
     * @param order  its place among the exports and refused folders, in the order they were found
     * @param prefix what the files it reports are prefixed with: its path from the named folder,
     *               prefixed by the named folder when several were named; empty for a single named
     *               folder that is the export itself (its reports read as before archives existed)
     */
    public record Found(Path root, Path folder, ExportFormat format, String prefix, int order) {

        /** How the summary names it: its prefix, or the named folder as given. */
        public String label() {
            return prefix.isEmpty() ? root.toString() : prefix;
        }

        public ExportKind kind() {
            return format.kind();
        }
    }

    /**
     * A folder that is no export of its own: its label as {@link Found#label()}, and why.
     *
     * @param order its place among the exports and refused folders, in the order they were found
     */
    public record Refused(String label, String reason, int order) {
    }

    /**
     * @throws ExportFormatException when a named folder is not a folder, or holds no export at any
     *                               depth (the message lists what it holds)
     */
    public static ExportArchive find(List<Path> roots) throws IOException {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no export folder given");
        }
        List<Found> exports = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Set<Path> visited = new HashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new ExportFormatException(root, "not a folder; pass the folder the clinic export was copied to");
            }
            boolean named = !visited.contains(root.toRealPath());
            int before = exports.size() + refused.size();
            walk(root, root, roots.size() > 1, 0, visited, exports, refused);
            if (named && exports.size() + refused.size() == before) {
                ExportLayout.detectFormat(root); // throws, naming what the folder holds
            }
        }
        return new ExportArchive(exports, refused);
    }

    private static void walk(Path root, Path folder, boolean prefixRoot, int depth, Set<Path> visited, List<Found> exports,
                             List<Refused> refused) throws IOException {
        if (depth > MAX_DEPTH || !visited.add(folder.toRealPath())) {
            return;
        }
        List<ExportFormat> marked = ExportLayout.markedIn(folder);
        if (marked.size() == 1) {
            exports.add(new Found(root, folder, marked.get(0), prefix(root, folder, prefixRoot), exports.size() + refused.size()));
        } else if (!marked.isEmpty() && depth == 0) {
            ExportLayout.detectFormat(folder); // a named folder mixing kinds is a mistake, not an archive: throws
        } else if (!marked.isEmpty()) {
            try {
                ExportLayout.detectFormat(folder);
            } catch (ExportFormatException severalKinds) {
                refused.add(new Refused(prefix(root, folder, prefixRoot), severalKinds.detail(), exports.size() + refused.size()));
            }
        } else {
            for (Path child : FolderEntries.list(folder)) {
                if (Files.isDirectory(child)) {
                    walk(root, child, prefixRoot, depth + 1, visited, exports, refused);
                }
            }
        }
    }

    private static String prefix(Path root, Path folder, boolean prefixRoot) {
        String relative = root.toAbsolutePath().normalize().relativize(folder.toAbsolutePath().normalize())
                .toString().replace('\\', '/');
        if (!prefixRoot) {
            return relative;
        }
        String named = root.toString().replace('\\', '/');
        return relative.isEmpty() ? named : named + "/" + relative;
    }
}
