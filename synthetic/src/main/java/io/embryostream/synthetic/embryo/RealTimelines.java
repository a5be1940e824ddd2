package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real embryo timelines from the Gomez et al. 2022 annotations ({@code <embryo>_phases.csv}: no header,
 * rows {@code phase,first_frame,last_frame}), read with FORMATS.md's rules: an annotation is an onset, so
 * only {@code first_frame} counts; frames are {@value #HOURS_PER_FRAME} h apart (inferred from t2 ≈ frame 98
 * ≈ 25 h). Overlaps and gaps need no repair because labels come from onsets alone.
 */
public final class RealTimelines {

    /** Hours between two Gomez frames: the documented inference (about 15 minutes). */
    public static final double HOURS_PER_FRAME = 0.25;

    private static final Logger LOG = LoggerFactory.getLogger(RealTimelines.class);
    private static final String SUFFIX = "_phases.csv";

    private RealTimelines() {
    }

    /**
     * The onset frame of each annotated phase in {@code file}. A phase listed twice keeps its earliest
     * first frame; unknown phase names are skipped and logged once per file.
     *
     * @throws PhasesFileException when a row is not {@code phase,first_frame,last_frame} with whole frames
     */
    public static Map<Phase, Integer> onsetFrames(Path file) {
        return read(file).onsets();
    }

    /** A phases file: the onset frame of each phase and the last annotated frame (where the sequence ended). */
    private record PhasesFile(Map<Phase, Integer> onsets, int lastFrame) {
    }

    private static PhasesFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PhasesFileException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        Map<Phase, Integer> onsets = new EnumMap<>(Phase.class);
        TreeSet<String> unknown = new TreeSet<>();
        int lastFrame = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new PhasesFileException(file.getFileName() + " line " + (i + 1) + ": expected 3 columns"
                        + " phase,first_frame,last_frame (no header), got '" + line + "' — is this a Gomez phases file?");
            }
            int first = frame(file, i, cells[1], line);
            lastFrame = Math.max(lastFrame, Math.max(first, frame(file, i, cells[2], line)));
            Phase.fromAnnotationName(cells[0]).ifPresentOrElse(
                    p -> onsets.merge(p, first, Math::min),
                    () -> unknown.add(cells[0].strip()));
        }
        if (!unknown.isEmpty()) {
            LOG.warn("{}: ignored unknown phase names {}", file.getFileName(), unknown);
        }
        return new PhasesFile(onsets, lastFrame);
    }

    private static int frame(Path file, int lineIndex, String cell, String line) {
        try {
            int frame = Integer.parseInt(cell.strip());
            if (frame >= 0) {
                return frame;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw new PhasesFileException(file.getFileName() + " line " + (lineIndex + 1) + ": frame '" + cell.strip()
                + "' is not a non-negative whole number in '" + line + "'");
    }

    /** The onsets of {@code file} in hours post-insemination (frame × {@value #HOURS_PER_FRAME}). */
    public static Onsets onsets(Path file) {
        return onsets(read(file));
    }

    private static Onsets onsets(PhasesFile phases) {
        Map<Phase, Double> hours = new EnumMap<>(Phase.class);
        phases.onsets().forEach((p, f) -> hours.put(p, f * HOURS_PER_FRAME));
        return Onsets.of(hours);
    }

    /**
     * A replayable timeline of the real embryo in {@code file}: its annotated onsets, recorded until its last
     * annotated frame (the real sequence ended there: what came after is unknown, so no frame is made for it), two
     * pronuclei, no abnormality flags (the annotations do not say), and the appearance drawn from {@code seed}.
     */
    public static EmbryoTimeline replay(Path file, long seed) {
        PhasesFile phases = read(file);
        return EmbryoTimeline.builder(seed, onsets(phases)).recordedUntil(phases.lastFrame() * HOURS_PER_FRAME).build();
    }

    /** Every {@code *_phases.csv} in {@code folder}, sorted by file name. */
    public static List<Path> phaseFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
            if (found.isEmpty()) {
                throw new PhasesFileException("No *" + SUFFIX + " files in " + folder
                        + " — point at the Gomez embryo_dataset_annotations folder");
            }
            return found;
        } catch (IOException e) {
            throw new PhasesFileException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The embryo id in a phases file name ({@code AA83-7_phases.csv} → {@code AA83-7}). */
    public static String embryoId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }
}
