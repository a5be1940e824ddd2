package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.OnsetOrder;
import io.embryostream.ingest.annotation.CsvFile;
import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Gomez et al. 2022 phase file {@code <embryo>_phases.csv}: no header, rows
 * {@code phase,first_frame,last_frame} (1-based, inclusive). Only {@code first_frame} is used, as
 * the phase's onset (FORMATS.md labelling rules); the intervals of real files overlap, leave gaps
 * and may start at frame 0, which are reported as warnings, never "fixed".
 */
public final class GomezPhasesFile {

    public static final String SUFFIX = "_phases.csv";
    private static final EmbryoFileName FILE_NAME = new EmbryoFileName(SUFFIX);
    private static final Pattern FRAME = Pattern.compile("\\d{1,6}");

    private GomezPhasesFile() {
    }

    /** The embryo name in a phase file's name, empty when the name does not end in {@code _phases.csv}. */
    public static Optional<String> embryoOf(Path file) {
        return FILE_NAME.embryoOf(file);
    }

    /**
     * Reads one embryo's phases; the result holds one {@link WellAnnotation} in frames named after
     * the embryo, or none when the file lists no known phase.
     *
     * @throws ExportFormatException for a file not named {@code <embryo>_phases.csv}, an empty
     *                               file, or a line that is not {@code phase,first,last}
     */
    public static SheetReadResult read(Path file) throws IOException {
        String embryo = embryoOf(file).orElseThrow(() -> new ExportFormatException(file,
                "not a Gomez phase file name; expected <embryo>" + SUFFIX));
        CsvFile csv = CsvFile.read(file);
        List<String> lines = csv.lines();
        List<Interval> intervals = new ArrayList<>();
        Set<String> unknownPhases = new LinkedHashSet<>();
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Interval interval = parse(file, i + 1, csv.fields(i + 1, ','));
            Optional<Phase> phase = Phase.fromAnnotationName(interval.name());
            if (phase.isEmpty()) {
                unknownPhases.add(interval.name());
                continue;
            }
            if (onsets.put(phase.get(), (double) interval.first()) != null) {
                throw new ExportFormatException(file, "line " + (i + 1) + ": phase " + phase.get().label()
                        + " is listed twice; keep one line per phase");
            }
            intervals.add(interval);
        }
        if (intervals.isEmpty() && unknownPhases.isEmpty()) {
            throw new ExportFormatException(file, "the file is empty; expected lines phase,first_frame,last_frame");
        }
        List<String> warnings = irregularities(intervals);
        List<WellAnnotation> wells = onsets.isEmpty()
                ? List.of() : List.of(new WellAnnotation(embryo, OnsetOrder.checked(Onsets.of(onsets), file,
                "embryo " + embryo, AnnotationUnit.FRAMES), AnnotationUnit.FRAMES));
        return new SheetReadResult(wells, unknownPhases, warnings, List.of());
    }

    private record Interval(int line, String name, int first, int last) {
    }

    private static Interval parse(Path file, int line, List<String> fields) throws ExportFormatException {
        if (fields.size() != 3) {
            throw new ExportFormatException(file, "line " + line + " has " + fields.size()
                    + " fields; expected phase,first_frame,last_frame (no header)");
        }
        String first = fields.get(1);
        String last = fields.get(2);
        if (!FRAME.matcher(first).matches() || !FRAME.matcher(last).matches()) {
            throw new ExportFormatException(file, "line " + line + ": first_frame and last_frame must be whole frame"
                    + " numbers (1-based); correct the line");
        }
        Interval interval = new Interval(line, fields.get(0), Integer.parseInt(first), Integer.parseInt(last));
        if (interval.last() < interval.first()) {
            throw new ExportFormatException(file, "line " + line + ": last_frame " + interval.last()
                    + " is before first_frame " + interval.first() + "; correct the interval");
        }
        return interval;
    }

    /** Overlaps, gaps, frame 0 and phases listed out of developmental order, in frame order. */
    private static List<String> irregularities(List<Interval> intervals) {
        List<String> warnings = new ArrayList<>();
        List<Interval> byFrame = intervals.stream().sorted(Comparator.comparingInt(Interval::first)).toList();
        if (!byFrame.isEmpty() && byFrame.get(0).first() == 0) {
            warnings.add("line " + byFrame.get(0).line() + ": " + byFrame.get(0).name()
                    + " starts at frame 0 (frames are 1-based); it is labelled from the first frame");
        }
        for (int i = 1; i < byFrame.size(); i++) {
            Interval before = byFrame.get(i - 1);
            Interval after = byFrame.get(i);
            if (after.first() <= before.last()) {
                warnings.add("frames " + after.first() + "–" + Math.min(before.last(), after.last()) + " are in both "
                        + before.name() + " and " + after.name() + "; labelled by onset: " + after.name());
            } else if (after.first() > before.last() + 1) {
                warnings.add("frames " + (before.last() + 1) + "–" + (after.first() - 1) + " are in no phase; labelled by onset: "
                        + before.name());
            }
        }
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).first() < intervals.get(i - 1).first()) {
                warnings.add("line " + intervals.get(i).line() + ": " + intervals.get(i).name() + " starts before the phase"
                        + " on the line above");
            }
        }
        return warnings;
    }

    /**
     * Writes one embryo's phases as clean intervals: each phase runs from its onset to the frame
     * before the next onset, the last one to {@code lastFrame}. Phases with the same onset get a
     * one-frame interval, as in the real files' overlaps; reading it back gives the same onsets.
     *
     * @throws IllegalArgumentException for onsets that are not whole frames or lie after {@code lastFrame}
     */
    public static void write(Path file, Onsets framesOnsets, int lastFrame) throws IOException {
        if (framesOnsets.isRapidAnnotation()) {
            throw new IllegalArgumentException("A Gomez phase file cannot hold MIRI's rapid annotation");
        }
        List<Map.Entry<Phase, Double>> ordered = framesOnsets.asMap().entrySet().stream()
                .sorted(Map.Entry.<Phase, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < ordered.size(); i++) {
            Phase phase = ordered.get(i).getKey();
            double onset = ordered.get(i).getValue();
            if (onset != Math.rint(onset) || onset > lastFrame) {
                throw new IllegalArgumentException("Onset of " + phase.label() + " must be a whole frame up to "
                        + lastFrame + ", was " + onset);
            }
            int first = (int) onset;
            int last = i + 1 < ordered.size() ? Math.max(first, ordered.get(i + 1).getValue().intValue() - 1) : lastFrame;
            csv.append(phase.label()).append(',').append(first).append(',').append(last).append("\r\n");
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
