package io.embryostream.fuzz;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.ingest.source.IngestProblem;
import io.embryostream.ingest.source.IngestReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Runs the export ingest on one folder as {@code embryo-stream ingest} does (the same exit codes),
 * publishing into memory: the refs of the frames published are the outcome.
 */
final class ExportRun {

    static final String SECRET = "fuzz-campaign-secret-0123456789abcdef";

    private ExportRun() {
    }

    static Outcome run(Mutant mutant, Path export) {
        return run(mutant, export, ExportIngest.Options.detect());
    }

    /** With {@code options} as the command line would give them (EmbryoScope needs the frame interval). */
    static Outcome run(Mutant mutant, Path export, ExportIngest.Options options) {
        PublishedRefs sink = new PublishedRefs();
        try {
            FramePublisher publisher = new FramePublisher(sink, new EmbryoIds(SECRET), Clock.systemUTC());
            ExportIngest ingest = new ExportIngest(publisher, IngestCheckpoint.inMemory(),
                    total -> new ProgressLine("fuzz", total, new PrintStream(OutputStream.nullOutputStream()), false,
                            System::currentTimeMillis, 60_000), () -> false);
            IngestReport report = ingest.run(List.of(export), options.withThreads(1));
            List<String> reports = report.problems().stream().map(IngestProblem::toString).toList();
            return new Outcome(mutant, report.skippedAnything() ? 1 : 0, reports, sink.refs(), null, false);
        } catch (IOException | IllegalArgumentException e) {
            // what the command prints before it exits 2
            return new Outcome(mutant, 2, List.of(String.valueOf(e.getMessage())), sink.refs(), null, false);
        } catch (RuntimeException | Error e) {
            return Outcome.crashed(mutant, e);
        }
    }
}
