package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.ingest.format.ExportEmbryo;
import io.embryostream.ingest.format.ExportFormat;
import io.embryostream.ingest.format.FrameSize;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.ExportWell;
import io.embryostream.ingest.format.FolderEntries;
import io.embryostream.ingest.format.FrameClock;
import io.embryostream.ingest.format.InventoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * MIRI (Esco) exports (FORMATS.md §1): a {@code Time-lapse # <slide id> summary.xlsx} per slide,
 * one video per well and focal plane, possibly renamed through {@link MiriCorrespondenceSheet}, one
 * frame per 5 minutes. Embryo identity {@code miri:<slide>:<well>}.
 */
public final class MiriExport implements ExportFormat {

    /** Minutes between MIRI frames. */
    static final double MINUTES_PER_FRAME = 60.0 / MiriFrameClock.FRAMES_PER_HOUR;

    @Override
    public ExportKind kind() {
        return ExportKind.MIRI;
    }

    @Override
    public boolean marks(Path entry) {
        return Files.isRegularFile(entry) && MiriSummarySheet.slideOf(entry).isPresent();
    }

    @Override
    public ExportInventory inventory(Path folder) throws IOException {
        InventoryBuilder parts = new InventoryBuilder();
        Path correspondence = folder.resolve(MiriCorrespondenceSheet.FILE_NAME);
        Map<String, String> originalByNew = new HashMap<>();
        if (Files.isRegularFile(correspondence)) {
            try {
                MiriCorrespondenceSheet.read(correspondence).forEach((original, renamed) -> originalByNew.put(renamed, original));
            } catch (ExportFormatException e) {
                parts.rejected(e);
            }
        }
        for (Path file : FolderEntries.files(folder)) {
            String name = file.getFileName().toString();
            Optional<MiriSlideId> slide = MiriSummarySheet.slideOf(file);
            if (slide.isPresent()) {
                parts.addSheet(file, slide.get().value(), MiriSummarySheet::read);
            } else if (FolderEntries.isVideo(name)) {
                String original = originalByNew.getOrDefault(name, originalByNew.getOrDefault(FolderEntries.stem(name), name));
                Optional<MiriVideoName> video = MiriVideoName.parse(original);
                OptionalInt plane = video.map(MiriVideoName::planeOffset).orElse(OptionalInt.empty());
                if (video.isEmpty()) {
                    parts.unplaced(file, "not named <slide id>-P<ww>-FP<f>.avi nor renamed in " + MiriCorrespondenceSheet.FILE_NAME);
                } else if (plane.isEmpty()) {
                    parts.unplaced(file, "focal plane FP" + video.get().focalPlane() + " is not in the MIRI plane table (FP1–FP7)");
                } else {
                    parts.addMedia(video.get().slide().value(), video.get().well().id(), plane.getAsInt(), file);
                }
            }
        }
        return parts.build(kind(), media(), folder);
    }

    @Override
    public ExportEmbryo embryo(ExportWell well) {
        String slide = well.slideId();
        return new ExportEmbryo("miri " + slide + " " + well.wellId(), "miri:" + slide + ":" + well.wellId(),
                slide + " " + well.wellId());
    }

    @Override
    public WellClock clock(Path root, ExportWell well, OptionalDouble frameIntervalMinutes) {
        return WellClock.of(FrameClock.interval(MINUTES_PER_FRAME));
    }

    /** MIRI's onsets are hours, read on the frame axis: frame = ceil(12 h), as the original project did. */
    @Override
    public WellAnnotation labelAxis(WellAnnotation annotation) {
        return MiriFrameClock.toFrames(annotation);
    }

    @Override
    public MediaKind media() {
        return MediaKind.VIDEO;
    }

    /** MIRI videos are 1280×720 (FORMATS.md §1). */
    @Override
    public Optional<FrameSize> frameSize() {
        return Optional.of(new FrameSize(1280, 720));
    }

    @Override
    public Path annotationFile(Path root, ExportWell well) {
        return root.resolve(MiriSlideId.parse(well.slideId()).map(MiriSummarySheet::fileName).orElse(well.slideId()));
    }

    @Override
    public String expectedMedia(ExportWell well, int plane) {
        return MiriSlideId.parse(well.slideId()).flatMap(slide -> MiriWell.parse(well.wellId())
                        .map(w -> new MiriVideoName(slide, w, MiriFocalPlanes.focalPlaneOf(plane).orElse(4), "avi").fileName()))
                .orElse(well.slideId() + "-" + well.wellId() + "-FP?.avi");
    }
}
