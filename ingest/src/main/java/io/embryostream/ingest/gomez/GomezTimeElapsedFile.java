package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.CsvFile;
import io.embryostream.ingest.annotation.ExportFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A Gomez {@code <embryo>_timeElapsed.csv}, frame → hours post-insemination. Its real layout was
 * not seen, so it is read by its header only: a time column ({@code time}, {@code time_elapsed},
 * {@code hours}, {@code hpi}, … in hours; {@code time_min}, {@code minutes}, … in minutes) and an
 * optional frame column ({@code frame}, {@code frame_index}, {@code time_point}, …; without one,
 * rows are frames 1, 2, … in order). Anything else fails with the headers it accepts.
 */
public final class GomezTimeElapsedFile {

    public static final String SUFFIX = "_timeElapsed.csv";
    private static final EmbryoFileName FILE_NAME = new EmbryoFileName(SUFFIX);
    private static final List<String> FRAME_HEADERS = List.of("frame", "frameindex", "framenumber", "frameid", "timepoint");
    /** Normalized time header → hours per unit of the column. */
    private static final Map<String, Double> TIME_HEADERS = Map.ofEntries(
            Map.entry("time", 1.0), Map.entry("timeelapsed", 1.0), Map.entry("elapsed", 1.0), Map.entry("elapsedtime", 1.0),
            Map.entry("hours", 1.0), Map.entry("timehours", 1.0), Map.entry("timeh", 1.0), Map.entry("hpi", 1.0),
            Map.entry("timeelapsedhours", 1.0), Map.entry("timeelapsedh", 1.0),
            Map.entry("minutes", 1 / 60.0), Map.entry("timemin", 1 / 60.0), Map.entry("timeminutes", 1 / 60.0),
            Map.entry("timeelapsedmin", 1 / 60.0), Map.entry("timeelapsedminutes", 1 / 60.0));
    private static final String WRITTEN_HEADER = "frame,time_elapsed";

    private GomezTimeElapsedFile() {
    }

    /** The embryo name in the file's name, empty when it does not end in {@code _timeElapsed.csv}. */
    public static Optional<String> embryoOf(Path file) {
        return FILE_NAME.embryoOf(file);
    }

    public static FrameTimes read(Path file) throws IOException {
        CsvFile csv = CsvFile.read(file);
        // line numbers as in the file, blank lines skipped
        List<Integer> lines = IntStream.rangeClosed(1, csv.lines().size()).filter(n -> !csv.lines().get(n - 1).isBlank())
                .boxed().toList();
        if (lines.isEmpty()) {
            throw new ExportFormatException(file, "the file is empty; expected a header such as " + WRITTEN_HEADER);
        }
        char separator = CsvFile.separatorOf(csv.lines().get(lines.get(0) - 1));
        List<String> header = csv.fields(lines.get(0), separator).stream()
                .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")).toList();
        OptionalInt timeColumn = IntStream.range(0, header.size()).filter(i -> TIME_HEADERS.containsKey(header.get(i))).findFirst();
        OptionalInt frameColumn = IntStream.range(0, header.size()).filter(i -> FRAME_HEADERS.contains(header.get(i))).findFirst();
        if (timeColumn.isEmpty()) {
            throw new ExportFormatException(file, "line 1 has no time column; its layout is read by its header, accepted:"
                    + " a time column (time, time_elapsed, hours, hpi in hours; time_min, minutes in minutes) and an optional"
                    + " frame column (frame, frame_index, time_point) — add such a header, e.g. " + WRITTEN_HEADER);
        }
        double hoursPerUnit = TIME_HEADERS.get(header.get(timeColumn.getAsInt()));
        SortedMap<Integer, Double> hoursByFrame = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            int line = lines.get(i);
            List<String> fields = csv.fields(line, separator);
            if (fields.size() != header.size()) {
                throw new ExportFormatException(file, "line " + line + " has " + fields.size() + " fields, the header "
                        + header.size() + "; fix the line");
            }
            int frame = frameColumn.isPresent() ? frameNumber(file, line, fields.get(frameColumn.getAsInt())) : i;
            double hours = hours(file, line, fields.get(timeColumn.getAsInt())) * hoursPerUnit;
            if (hoursByFrame.put(frame, hours) != null) {
                throw new ExportFormatException(file, "line " + line + ": frame " + frame + " is listed twice; keep one line per frame");
            }
        }
        try {
            return new FrameTimes(hoursByFrame);
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException(file, e.getMessage() + "; times must not go backwards, correct the file", e);
        }
    }

    private static int frameNumber(Path file, int line, String field) throws ExportFormatException {
        try {
            int frame = Integer.parseInt(field.trim());
            if (frame >= 1) {
                return frame;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a frame below 1
        }
        throw new ExportFormatException(file, "line " + line + ": the frame must be a whole number from 1; correct it");
    }

    private static double hours(Path file, int line, String field) throws ExportFormatException {
        try {
            double value = Double.parseDouble(field.trim());
            if (Double.isFinite(value) && value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a negative time
        }
        throw new ExportFormatException(file, "line " + line + ": the time must be a non-negative number; correct it");
    }

    /** Writes {@code frame,time_elapsed} with hours. */
    public static void write(Path file, FrameTimes times) throws IOException {
        StringBuilder csv = new StringBuilder(WRITTEN_HEADER).append('\n');
        times.hoursByFrame().forEach((frame, hours) -> csv.append(frame).append(',').append(hours).append('\n'));
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
