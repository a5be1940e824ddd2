package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.format.ExportEmbryo;
import io.embryostream.ingest.format.ExportFormat;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.format.ExportWell;
import io.embryostream.ingest.video.VideoFrameReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an {@link ExportInventory} into the {@link ExportUnit}s to publish, reporting what cannot
 * be published (wells without media, missing planes, rejected sheets and rows, unusable time files)
 * as problems and what is published without labels as notes. What differs between vendors (identity,
 * label axis, hours, media) is asked of the export's {@link ExportFormat}; docs/ingest.md lists it.
 */
final class ExportUnits {

    private final Path root;
    private final ExportFormat format;
    private final OptionalDouble frameIntervalMinutes;
    private final IngestReport report;

    private ExportUnits(Path root, ExportFormat format, OptionalDouble frameIntervalMinutes, IngestReport report) {
        this.root = root;
        this.format = format;
        this.frameIntervalMinutes = frameIntervalMinutes;
        this.report = report;
    }

    /**
     * @param frameIntervalMinutes what the format does with it: {@link ExportFormat#clock}; already
     *                             {@linkplain ExportFormat#check checked} against the format
     */
    static List<ExportUnit> of(ExportFormat format, ExportInventory inventory, OptionalDouble frameIntervalMinutes,
                               IngestReport report) {
        return new ExportUnits(inventory.folder(), format, frameIntervalMinutes, report).build(inventory);
    }

    private List<ExportUnit> build(ExportInventory inventory) {
        inventory.rejected().forEach(e -> report.problem(IngestProblem.of(root, e.file() == null ? root : e.file(), e.getMessage())));
        inventory.warnings().forEach(report::note);
        if (!inventory.unknownColumns().isEmpty()) {
            report.note("ignored sheet columns / row labels that are not annotations: " + inventory.unknownColumns());
        }
        // The frames are still published (inference needs no labels), but the labels were skipped.
        inventory.mediaWithoutAnnotation().forEach(m -> report.problem(IngestProblem.of(root, m, "no annotation (no sheet row,"
                + " nothing filled, or a rejected row): its frames were published WITHOUT labels; add the well's row and"
                + " rerun with --restart to label them")));
        SortedSet<Integer> planes = new TreeSet<>();
        inventory.wells().forEach(w -> planes.addAll(w.mediaByPlane().keySet()));
        String mediaWord = format.media().word();
        List<ExportUnit> units = new ArrayList<>();
        for (ExportWell well : inventory.wells()) {
            if (well.mediaByPlane().isEmpty()) {
                report.problem(IngestProblem.of(root, format.annotationFile(root, well), "well " + well.wellId()
                        + " is annotated but has no " + mediaWord + " (expected e.g. "
                        + format.expectedMedia(well, planes.isEmpty() ? 0 : planes.first())
                        + "); copy its media into the export folder and rerun"));
                continue;
            }
            for (int plane : planes) {
                if (!well.mediaByPlane().containsKey(plane)) {
                    report.problem(IngestProblem.of(root, root.resolve(format.expectedMedia(well, plane)), "missing: well "
                            + well.wellId() + " has no plane " + plane + " while other wells do; its other planes were published —"
                            + " copy the missing " + mediaWord + " and rerun with --restart"));
                }
            }
            unit(well).ifPresent(units::add);
        }
        return units;
    }

    private Optional<ExportUnit> unit(ExportWell well) {
        ExportFormat.WellClock clock;
        try {
            clock = format.clock(root, well, frameIntervalMinutes);
        } catch (ExportFormatException e) {
            report.problem(IngestProblem.of(root, e.file(), e.getMessage()));
            return Optional.empty();
        }
        clock.note().ifPresent(report::note);
        SortedMap<Integer, ExportUnit.PlaneMedia> media = new TreeMap<>();
        well.mediaByPlane().forEach((plane, files) -> media.put(plane,
                format.media() == ExportFormat.MediaKind.IMAGES ? images(files) : video(well, plane, files)));
        ExportEmbryo embryo = format.embryo(well);
        return Optional.of(new ExportUnit(embryo.checkpointKey(), embryo.sourceIdentity(), embryo.displayLabel(),
                ExportReader.of(format.kind()).producer(), media, clock.clock(),
                new GroundTruthLabels(well.annotation().map(format::labelAxis)), format.kind(), format.frameSize(),
                format.annotationFile(root, well)));
    }

    /** One video per plane; where an export has the same plane twice (.avi and .mp4), the lossless .avi is used. */
    private ExportUnit.PlaneMedia video(ExportWell well, int plane, List<Path> files) {
        Path chosen = files.stream().filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avi"))
                .findFirst().orElse(files.get(0));
        if (files.size() > 1) {
            report.note("well " + well.wellId() + ", plane " + plane + ": " + files.size() + " videos, using "
                    + SourceRefs.relative(root, chosen));
        }
        String ref = SourceRefs.relative(root, chosen);
        return new ExportUnit.PlaneMedia(chosen, decoderThreads -> new VideoFrameStream(VideoFrameReader.open(chosen, decoderThreads), ref));
    }

    private ExportUnit.PlaneMedia images(List<Path> files) {
        SortedMap<Integer, Path> byFrame = new TreeMap<>();
        files.forEach(f -> format.frameNumber(f).ifPresent(frame -> byFrame.put(frame, f)));
        return new ExportUnit.PlaneMedia(files.get(0).getParent(),
                decoderThreads -> new ImageFrameStream(root, byFrame, format.frameSize(), format.kind().displayName()));
    }
}
