package io.embryostream.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    private ExportReader reader;

    void problem(IngestProblem problem) {
        problems.add(problem);
    }

    void note(String note) {
        notes.add(note);
    }

    void framePublished() {
        framesPublished++;
    }

    void timePointPublished() {
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

    void reader(ExportReader reader) {
        this.reader = reader;
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

    /** The reader of the export (empty for the watched folder). */
    public Optional<ExportReader> reader() {
        return Optional.ofNullable(reader);
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
