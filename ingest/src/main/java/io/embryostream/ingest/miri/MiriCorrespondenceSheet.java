package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.CsvFile;
import io.embryostream.ingest.annotation.ExportFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code Sheet de correspondance.csv}: the renaming of MIRI videos to {@code SEQ001} … with the
 * columns {@code original name} and {@code new name}. French spreadsheet programs save CSV with
 * {@code ;}, so the separator is taken from the header line ({@code ,} or {@code ;}); encodings and
 * quoted fields as {@link CsvFile} reads them.
 */
public final class MiriCorrespondenceSheet {

    public static final String FILE_NAME = "Sheet de correspondance.csv";
    private static final String ORIGINAL = "original name";
    private static final String NEW = "new name";

    private MiriCorrespondenceSheet() {
    }

    /** Original name → new name, in file order. */
    public static Map<String, String> read(Path file) throws IOException {
        CsvFile csv = CsvFile.read(file);
        List<String> lines = csv.lines();
        if (lines.get(0).isBlank()) {
            throw new ExportFormatException(file, "the file is empty; expected a header line '" + ORIGINAL + "," + NEW + "'");
        }
        char separator = CsvFile.separatorOf(lines.get(0));
        List<String> columns = csv.fields(1, separator).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        int original = columns.indexOf(ORIGINAL);
        int renamed = columns.indexOf(NEW);
        if (original < 0 || renamed < 0) {
            throw new ExportFormatException(file, "line 1 does not name the columns '" + ORIGINAL + "' and '" + NEW
                    + "'; is this the MIRI renaming sheet? Add that header line");
        }
        Map<String, String> newByOriginal = new LinkedHashMap<>();
        Set<String> newNames = new HashSet<>();
        for (int line = 2; line <= lines.size(); line++) {
            if (lines.get(line - 1).isBlank()) {
                continue;
            }
            List<String> fields = csv.fields(line, separator);
            if (fields.size() != columns.size()) {
                throw new ExportFormatException(file, "line " + line + " has " + fields.size() + " fields, the header "
                        + columns.size() + "; fix the line (a name holding '" + separator + "' must be in double quotes)");
            }
            String from = fields.get(original);
            String to = fields.get(renamed);
            if (from.isEmpty() || to.isEmpty()) {
                throw new ExportFormatException(file, "line " + line + " has an empty name; fill both names or delete the line");
            }
            if (newByOriginal.containsKey(from) || !newNames.add(to)) {
                throw new ExportFormatException(file, "line " + line + " repeats a name already mapped on an earlier line;"
                        + " each video must be renamed exactly once");
            }
            newByOriginal.put(from, to);
        }
        return Collections.unmodifiableMap(newByOriginal);
    }


    /** Writes the sheet with a comma separator. */
    public static void write(Path file, Map<String, String> newByOriginal) throws IOException {
        StringBuilder csv = new StringBuilder(ORIGINAL + "," + NEW + "\n");
        newByOriginal.forEach((from, to) -> {
            if (from.contains(",") || to.contains(",")) {
                throw new IllegalArgumentException("Names in " + FILE_NAME + " cannot contain a comma");
            }
            csv.append(from).append(',').append(to).append('\n');
        });
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
