package io.embryostream.ingest.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one ingest run did: counts, what it skipped ({@link #problems()}, each naming the file and
 * what to do) and what is worth knowing but published anyway ({@link #notes()}). Filled by one
 * thread: parallel export workers each fill their own and the run {@link #add}s them in export order,
 * so the summary does not depend on which worker finished first.
 */
public final class IngestReport {

    private final List<IngestProblem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long framesPublished;
    private long timePointsPublished;
    private int embryosCompleted;
    private int embryosAlreadyDone;
    private boolean interrupted;
    private final Set<ExportReader> readers = new LinkedHashSet<>();
    private final List<ExportLine> exports = new ArrayList<>();

    /**
     * One export of the run, as the summary lists it.
     *
     * @param label   its folder, from the folder the operator named
     * @param reader  its reader, or empty when it could not be read at all
     * @param failure why nothing of it was read, or empty
     */
    public record ExportLine(String label, Optional<ExportReader> reader, int embryosCompleted, int embryosAlreadyDone,
                             long framesPublished, int problems, Optional<String> failure) {

        @Override
        public String toString() {
            if (failure.isPresent()) {
                return label + ": NOT READ — " + failure.get();
            }
            return String.format("%s (%s): %d frames published, %d embryos completed, %d already done, %s", label,
                    reader.map(ExportReader::name).orElse("?"), framesPublished, embryosCompleted, embryosAlreadyDone,
                    problems == 0 ? "nothing skipped" : problems + " problem(s)");
        }
    }

    void problem(IngestProblem problem) {
        problems.add(problem);
    }

    void note(String note) {
        notes.add(note);
    }

    void framePublished() {
        framesPublished++;
    }

    /** A time point of {@code frames} planes, published as one record. */
    void timePointPublished(int frames) {
        framesPublished += frames;
        timePointsPublished++;
    }

    void embryoCompleted() {
        embryosCompleted++;
    }

    void embryoAlreadyDone() {
        embryosAlreadyDone++;
    }

    void interrupted() {
        interrupted = true;
    }

    /** Appends one export's report, its problems' files and its notes prefixed by {@code prefix} where there is one. */
    void addExport(String label, String prefix, ExportReader reader, IngestReport part) {
        readers.add(reader);
        exports.add(new ExportLine(label, Optional.of(reader), part.embryosCompleted, part.embryosAlreadyDone,
                part.framesPublished, part.problems.size(), Optional.empty()));
        if (!prefix.isEmpty()) {
            part.problems.replaceAll(p -> new IngestProblem(prefix + "/" + p.file(), p.message()));
            part.notes.replaceAll(n -> prefix + ": " + n);
        }
        add(part);
    }

    /** An export that could not be read at all: one problem, one line. */
    void exportFailed(String label, String reason) {
        exports.add(new ExportLine(label, Optional.empty(), 0, 0, 0, 1, Optional.of(reason)));
        problems.add(new IngestProblem(label, reason + " — nothing of this export was read; the others went through"));
    }

    /** Appends what a worker did with one embryo. */
    void add(IngestReport part) {
        problems.addAll(part.problems);
        notes.addAll(part.notes);
        framesPublished += part.framesPublished;
        timePointsPublished += part.timePointsPublished;
        embryosCompleted += part.embryosCompleted;
        embryosAlreadyDone += part.embryosAlreadyDone;
        interrupted |= part.interrupted;
    }

    /** The readers of the exports read, in the order they were first used (none for the watched folder). */
    public Set<ExportReader> readers() {
        return Collections.unmodifiableSet(readers);
    }

    /** Every export of the run, in the order read; empty for the watched folder. */
    public List<ExportLine> exports() {
        return List.copyOf(exports);
    }

    public List<IngestProblem> problems() {
        return List.copyOf(problems);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public long framesPublished() {
        return framesPublished;
    }

    public long timePointsPublished() {
        return timePointsPublished;
    }

    /** Embryos whose last frame and ENDED event were published in this run. */
    public int embryosCompleted() {
        return embryosCompleted;
    }

    /** Embryos the checkpoint showed as finished by an earlier run: nothing of theirs was published. */
    public int embryosAlreadyDone() {
        return embryosAlreadyDone;
    }

    /** True when the run stopped early on request; a rerun continues from the checkpoint. */
    public boolean wasInterrupted() {
        return interrupted;
    }

    /** True when anything was skipped: the command's exit code is then non-zero. */
    public boolean skippedAnything() {
        return !problems.isEmpty();
    }

    /** A few lines for the operator: counts, then every problem, then the notes. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d frames (%d time points) published, %d embryos completed, %d already done by an earlier run%n",
                interrupted ? "Interrupted (rerun to continue from the checkpoint)" : "Done",
                framesPublished, timePointsPublished, embryosCompleted, embryosAlreadyDone));
        if (!exports.isEmpty()) {
            sb.append(exports.size() == 1 ? "1 export:" : exports.size() + " exports:").append(System.lineSeparator());
            exports.forEach(e -> sb.append("  ").append(e).append(System.lineSeparator()));
        }
        if (problems.isEmpty()) {
            sb.append("Nothing skipped.").append(System.lineSeparator());
        } else {
            sb.append(problems.size()).append(" problem(s), the rest went through:").append(System.lineSeparator());
            problems.forEach(p -> sb.append("  SKIPPED ").append(p).append(System.lineSeparator()));
        }
        notes.forEach(n -> sb.append("  note: ").append(n).append(System.lineSeparator()));
        return sb.toString();
    }
}
