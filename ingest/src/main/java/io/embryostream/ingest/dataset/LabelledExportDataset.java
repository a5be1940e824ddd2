package io.embryostream.ingest.dataset;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.ingest.source.ExportReader;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.source.IngestReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * A training set from a labelled clinic export (MIRI, EmbryoScope, Gomez layout). The export runs
 * through the ingest's one pipeline, {@link ExportIngest} — the same readers, canonical
 * preprocessing, hours, labels and keyed embryo ids as {@code ingest} publishes — into a
 * {@link DatasetFrameSink} instead of Kafka. What the ingest would skip is skipped here too and
 * listed in the report; the rest is written.
 */
public final class LabelledExportDataset {

    /**
     * @param manifest what was written
     * @param report   what the ingest pipeline read and skipped
     */
    public record Result(DatasetManifest manifest, IngestReport report) {
    }

    private final EmbryoIds ids;
    private final ExportIngest.Options options;
    private final BooleanSupplier stopRequested;

    /**
     * @param ids           keyed with the clinic secret the ingest uses, so dataset embryo ids equal
     *                      the published ones
     * @param stopRequested polled between time points; a stopped export leaves no manifest
     */
    public LabelledExportDataset(EmbryoIds ids, ExportIngest.Options options, BooleanSupplier stopRequested) {
        this.ids = ids;
        this.options = options;
        this.stopRequested = stopRequested;
    }

    /**
     * Reads {@code export} and writes the training set into {@code out} (new or empty).
     *
     * @throws IOException              when {@code export} holds no export the ingest knows
     * @throws IllegalArgumentException for an EmbryoScope export without a frame interval
     * @throws DatasetException         when the set cannot be written, nothing could be read, or
     *                                  the run was stopped
     */
    public Result write(Path export, Path out, EmbryoSplits splits, LongFunction<ProgressLine> progressFor)
            throws IOException {
        return write(List.of(export), out, splits, progressFor);
    }

    /**
     * Reads every export found in {@code exports} (one export folder, a folder of exports at any
     * depth, or several) into one training set in {@code out}, split by embryo over all of them.
     *
     * @throws IOException              when a folder holds no export the ingest knows
     * @throws IllegalArgumentException when an export needs an option that was not given
     * @throws DatasetException         when the set cannot be written, nothing could be read, or
     *                                  the run was stopped
     */
    public Result write(List<Path> exports, Path out, EmbryoSplits splits, LongFunction<ProgressLine> progressFor)
            throws IOException {
        boolean outExisted = Files.exists(out);
        DatasetWriter writer = DatasetWriter.create(out);
        IngestReport report;
        try (DatasetFrameSink sink = new DatasetFrameSink(writer)) {
            ExportIngest ingest = new ExportIngest(new FramePublisher(sink, ids, Clock.systemUTC()),
                    IngestCheckpoint.inMemory(), progressFor, stopRequested);
            report = ingest.run(exports, options);
        } catch (IOException | IllegalArgumentException e) {
            removeIfEmpty(out, outExisted, e);
            throw e;
        }
        if (report.wasInterrupted()) {
            throw new DatasetException("export-dataset was stopped before the end; " + out
                    + " is incomplete (no manifest.json): delete it and run again");
        }
        if (report.readers().isEmpty()) {
            throw new DatasetException("no export could be read; nothing was written: " + report.problems());
        }
        Map<String, Object> settings = options.frameIntervalMinutes().isPresent()
                ? Map.of("frameIntervalMinutes", options.frameIntervalMinutes().getAsDouble()) : Map.of();
        DatasetManifest manifest = writer.finish(new DatasetSource(
                report.readers().stream().map(ExportReader::name).collect(Collectors.joining("+")),
                report.readers().stream().map(ExportReader::version).distinct().collect(Collectors.joining("+")),
                null, settings), splits);
        return new Result(manifest, report);
    }

    /** Leaves no half-made folder behind when the export could not even be read, so a rerun can use it. */
    private static void removeIfEmpty(Path out, boolean outExisted, Exception failure) {
        try {
            Files.deleteIfExists(out.resolve("frames"));
            if (!outExisted) {
                Files.deleteIfExists(out);
            }
        } catch (IOException notEmpty) {
            failure.addSuppressed(notEmpty);
        }
    }
}
