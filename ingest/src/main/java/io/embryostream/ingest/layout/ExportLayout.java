package io.embryostream.ingest.layout;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.embryoscope.EmbryoScopeExport;
import io.embryostream.ingest.format.ExportFormat;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.FolderEntries;
import io.embryostream.ingest.gomez.GomezExport;
import io.embryostream.ingest.miri.MiriExport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides from a folder's contents which export it is and lists its wells, through the one
 * {@link ExportFormat} of each vendor. Only names are looked at here: media are opened by the video
 * and frame readers, sheets by their readers.
 */
public final class ExportLayout {

    /** Every format the ingest reads, in the order detection reports them. */
    private static final List<ExportFormat> FORMATS = List.of(new MiriExport(), new EmbryoScopeExport(), new GomezExport());

    /** How many of a folder's entries an error lists before giving a count. */
    private static final int LISTED_ENTRIES = 12;

    private ExportLayout() {
    }

    /**
     * @throws ExportFormatException when the folder holds no known export, or several kinds,
     *                               listing what it found
     */
    public static ExportKind detect(Path folder) throws IOException {
        return detectFormat(folder).kind();
    }

    /**
     * The format of the export in {@code folder}.
     *
     * @throws ExportFormatException when the folder holds no known export, or several kinds,
     *                               listing what it found
     */
    public static ExportFormat detectFormat(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ExportFormatException(folder, "not a folder; pass the folder the clinic export was copied to");
        }
        List<Path> entries = FolderEntries.list(folder);
        List<ExportFormat> found = marked(entries);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            String listed = entries.stream().limit(LISTED_ENTRIES)
                    .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).collect(Collectors.joining(", "));
            String more = entries.size() > LISTED_ENTRIES ? " and " + (entries.size() - LISTED_ENTRIES) + " more" : "";
            throw new ExportFormatException(folder, "no known export here: expected a MIRI 'Time-lapse # <slide id> summary.xlsx',"
                    + " an EmbryoScope '<slide-id> EXPORT.xls' or Gomez 'embryo_dataset_F<plane>' folders; found "
                    + (entries.isEmpty() ? "nothing" : listed + more));
        }
        throw new ExportFormatException(folder, "holds exports of several kinds " + found.stream().map(ExportFormat::kind).toList()
                + "; copy each export to its own folder");
    }

    /** Detects the export and lists its wells; a sheet that cannot be read is rejected, the rest still listed. */
    public static ExportInventory inventory(Path folder) throws IOException {
        return detectFormat(folder).inventory(folder);
    }

    /** The formats whose marks are among {@code entries}, in {@link #FORMATS} order. */
    static List<ExportFormat> marked(List<Path> entries) {
        List<ExportFormat> found = new ArrayList<>();
        for (ExportFormat format : FORMATS) {
            if (entries.stream().anyMatch(format::marks)) {
                found.add(format);
            }
        }
        return found;
    }

    /** The formats {@code folder}'s own entries mark: none, one, or several. */
    static List<ExportFormat> markedIn(Path folder) throws IOException {
        return marked(FolderEntries.list(folder));
    }
}
