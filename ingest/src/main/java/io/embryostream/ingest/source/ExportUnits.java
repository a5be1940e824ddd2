package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.ExportInventory;
import io.embryostream.ingest.annotation.ExportKind;
import io.embryostream.ingest.annotation.ExportWell;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.ingest.embryoscope.EmbryoScopeVideoName;
import io.embryostream.ingest.embryoscope.EmbryoScopeWell;
import io.embryostream.ingest.gomez.GomezLayout;
import io.embryostream.ingest.gomez.GomezPhasesFile;
import io.embryostream.ingest.gomez.GomezTimeElapsedFile;
import io.embryostream.ingest.miri.MiriFocalPlanes;
import io.embryostream.ingest.miri.MiriFrameClock;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.ingest.miri.MiriVideoName;
import io.embryostream.ingest.miri.MiriWell;
import io.embryostream.ingest.video.VideoFrameReader;

import java.io.IOException;
import java.nio.file.Files;
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
 * as problems and what is published without labels as notes. The per-format choices (identity,
 * label axis, hours) are documented in docs/ingest.md.
 */
final class ExportUnits {

    /** Minutes between MIRI frames (FORMATS.md §1). */
    static final double MIRI_MINUTES_PER_FRAME = 60.0 / MiriFrameClock.FRAMES_PER_HOUR;

    private final Path root;
    private final ExportKind kind;
    private final OptionalDouble frameIntervalMinutes;
    private final IngestReport report;

    private ExportUnits(Path root, ExportKind kind, OptionalDouble frameIntervalMinutes, IngestReport report) {
        this.root = root;
        this.kind = kind;
        this.frameIntervalMinutes = frameIntervalMinutes;
        this.report = report;
    }

    /**
     * @param frameIntervalMinutes EmbryoScope: required (its exports do not record it); Gomez:
     *                             used for embryos without a time file; MIRI: ignored (5 minutes)
     * @throws IllegalArgumentException for an EmbryoScope export without a frame interval
     */
    static List<ExportUnit> of(ExportInventory inventory, OptionalDouble frameIntervalMinutes, IngestReport report) {
        if (inventory.kind() == ExportKind.EMBRYOSCOPE && frameIntervalMinutes.isEmpty()) {
            throw new IllegalArgumentException("EmbryoScope exports do not record the interval between frames: pass"
                    + " --frame-interval-minutes (the instrument's acquisition interval, typically 10–20)");
        }
        ExportUnits units = new ExportUnits(inventory.folder(), inventory.kind(), frameIntervalMinutes, report);
        return units.build(inventory);
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
        List<ExportUnit> units = new ArrayList<>();
        for (ExportWell well : inventory.wells()) {
            if (well.mediaByPlane().isEmpty()) {
                report.problem(IngestProblem.of(root, annotationFile(well), "well " + well.wellId() + " is annotated but has no "
                        + mediaWord() + " (expected e.g. " + expectedMedia(well, planes.isEmpty() ? 0 : planes.first())
                        + "); copy its media into the export folder and rerun"));
                continue;
            }
            for (int plane : planes) {
                if (!well.mediaByPlane().containsKey(plane)) {
                    report.problem(IngestProblem.of(root, root.resolve(expectedMedia(well, plane)), "missing: well " + well.wellId()
                            + " has no plane " + plane + " while other wells do; its other planes were published —"
                            + " copy the missing " + mediaWord() + " and rerun with --restart"));
                }
            }
            unit(well).ifPresent(units::add);
        }
        return units;
    }

    private Optional<ExportUnit> unit(ExportWell well) {
        SortedMap<Integer, ExportUnit.PlaneMedia> media = new TreeMap<>();
        Optional<WellAnnotation> annotation = well.annotation();
        String slide = well.slideId();
        return switch (kind) {
            case MIRI -> {
                well.mediaByPlane().forEach((plane, files) -> media.put(plane, video(well, plane, files)));
                yield Optional.of(new ExportUnit("miri " + slide + " " + well.wellId(), "miri:" + slide + ":" + well.wellId(),
                        slide + " " + well.wellId(), ExportReader.of(kind).producer(), media, FrameClock.interval(MIRI_MINUTES_PER_FRAME),
                        new GroundTruthLabels(annotation.map(MiriFrameClock::toFrames))));
            }
            case EMBRYOSCOPE -> {
                well.mediaByPlane().forEach((plane, files) -> media.put(plane, video(well, plane, files)));
                yield Optional.of(new ExportUnit("embryoscope " + slide + " " + well.wellId(),
                        "embryoscope:" + slide + ":" + well.wellId(), slide + " " + well.wellId(), ExportReader.of(kind).producer(), media,
                        FrameClock.interval(frameIntervalMinutes.getAsDouble()), new GroundTruthLabels(annotation)));
            }
            case GOMEZ -> gomezClock(well).map(clock -> {
                well.mediaByPlane().forEach((plane, files) -> media.put(plane, images(files)));
                return new ExportUnit("gomez " + well.wellId(), "gomez:" + well.wellId(), well.wellId(), ExportReader.of(kind).producer(),
                        media, clock, new GroundTruthLabels(annotation));
            });
        };
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
        SortedMap<Integer, Path> byRun = new TreeMap<>();
        files.forEach(f -> GomezLayout.runOf(f.getFileName().toString()).ifPresent(run -> byRun.put(run, f)));
        return new ExportUnit.PlaneMedia(files.get(0).getParent(), decoderThreads -> new ImageFrameStream(root, byRun));
    }

    private Optional<FrameClock> gomezClock(ExportWell well) {
        Path timeFile = root.resolve(GomezLayout.TIME_ELAPSED_FOLDER).resolve(well.wellId() + GomezTimeElapsedFile.SUFFIX);
        if (Files.isRegularFile(timeFile)) {
            try {
                return Optional.of(FrameClock.timeFile(GomezTimeElapsedFile.read(timeFile)));
            } catch (ExportFormatException e) {
                report.problem(IngestProblem.of(root, timeFile, e.getMessage() + " — embryo " + well.wellId() + " skipped"));
            } catch (IOException e) {
                report.problem(IngestProblem.of(root, timeFile, "cannot be read (" + e.getMessage() + "); embryo "
                        + well.wellId() + " skipped"));
            }
            return Optional.empty();
        }
        if (frameIntervalMinutes.isPresent()) {
            report.note(SourceRefs.relative(root, timeFile) + " missing: hours of embryo " + well.wellId()
                    + " from --frame-interval-minutes " + frameIntervalMinutes.getAsDouble());
            return Optional.of(FrameClock.interval(frameIntervalMinutes.getAsDouble()));
        }
        report.problem(IngestProblem.of(root, timeFile, "missing, so the frames' hours are unknown; embryo " + well.wellId()
                + " skipped — restore the time file or pass --frame-interval-minutes to use the nominal interval"));
        return Optional.empty();
    }

    private String mediaWord() {
        return kind == ExportKind.GOMEZ ? "image folder" : "video";
    }

    private Path annotationFile(ExportWell well) {
        return switch (kind) {
            case MIRI -> root.resolve(MiriSlideId.parse(well.slideId()).map(MiriSummarySheet::fileName).orElse(well.slideId()));
            case EMBRYOSCOPE -> root.resolve(EmbryoScopeExportSheet.fileName(well.slideId()));
            case GOMEZ -> root.resolve(GomezLayout.ANNOTATIONS_FOLDER).resolve(well.wellId() + GomezPhasesFile.SUFFIX);
        };
    }

    /** The media name the well would have in this plane, relative to the root. */
    private String expectedMedia(ExportWell well, int plane) {
        return switch (kind) {
            case MIRI -> MiriSlideId.parse(well.slideId()).flatMap(slide -> MiriWell.parse(well.wellId())
                            .map(w -> new MiriVideoName(slide, w, MiriFocalPlanes.focalPlaneOf(plane).orElse(4), "avi").fileName()))
                    .orElse(well.slideId() + "-" + well.wellId() + "-FP?.avi");
            case EMBRYOSCOPE -> EmbryoScopeWell.parseId(well.wellId())
                    .map(w -> EmbryoScopeVideoName.of(well.slideId(), w, plane).fileName())
                    .orElse(well.slideId() + "_" + well.wellId() + "_F" + plane + ".avi");
            case GOMEZ -> GomezLayout.PLANE_FOLDER_PREFIX + plane + "/" + well.wellId() + "/";
        };
    }
}
