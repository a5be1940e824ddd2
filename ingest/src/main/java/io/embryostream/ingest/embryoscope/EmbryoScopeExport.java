package io.embryostream.ingest.embryoscope;

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
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * EmbryoScope (Vitrolife) exports (FORMATS.md §2): a {@code <slide-id> EXPORT.xls} per slide and
 * {@code <slide-id>_WELL<nn>[_F<plane>].avi} videos. The export does not record the frame interval:
 * the operator gives it. Embryo identity {@code embryoscope:<slide>:<well>}.
 */
public final class EmbryoScopeExport implements ExportFormat {

    @Override
    public ExportKind kind() {
        return ExportKind.EMBRYOSCOPE;
    }

    @Override
    public boolean marks(Path entry) {
        return Files.isRegularFile(entry) && EmbryoScopeExportSheet.slideOf(entry).isPresent();
    }

    @Override
    public ExportInventory inventory(Path folder) throws IOException {
        InventoryBuilder parts = new InventoryBuilder();
        for (Path file : FolderEntries.files(folder)) {
            String name = file.getFileName().toString();
            Optional<String> slide = EmbryoScopeExportSheet.slideOf(file);
            if (slide.isPresent()) {
                parts.addSheet(file, slide.get(), EmbryoScopeExportSheet::read);
            } else if (FolderEntries.isVideo(name)) {
                Optional<EmbryoScopeVideoName> video = EmbryoScopeVideoName.parse(name);
                if (video.isEmpty()) {
                    parts.unplaced(file, "not named <slide-id>_WELL<nn>[_F<plane>].avi");
                } else {
                    parts.addMedia(video.get().slideId(), video.get().well().id(), video.get().planeOffset(), file);
                }
            }
        }
        return parts.build(kind(), media(), folder);
    }

    @Override
    public ExportEmbryo embryo(ExportWell well) {
        String slide = well.slideId();
        return new ExportEmbryo("embryoscope " + slide + " " + well.wellId(), "embryoscope:" + slide + ":" + well.wellId(),
                slide + " " + well.wellId());
    }

    @Override
    public void check(OptionalDouble frameIntervalMinutes) {
        if (frameIntervalMinutes.isEmpty()) {
            throw new IllegalArgumentException("EmbryoScope exports do not record the interval between frames: pass"
                    + " --frame-interval-minutes (the instrument's acquisition interval, typically 10–20)");
        }
    }

    @Override
    public WellClock clock(Path root, ExportWell well, OptionalDouble frameIntervalMinutes) {
        check(frameIntervalMinutes);
        return WellClock.of(FrameClock.interval(frameIntervalMinutes.getAsDouble()));
    }

    @Override
    public MediaKind media() {
        return MediaKind.VIDEO;
    }

    /** EmbryoScope videos are 500×500 (FORMATS.md §2). */
    @Override
    public Optional<FrameSize> frameSize() {
        return Optional.of(new FrameSize(500, 500));
    }

    @Override
    public Path annotationFile(Path root, ExportWell well) {
        return root.resolve(EmbryoScopeExportSheet.fileName(well.slideId()));
    }

    @Override
    public String expectedMedia(ExportWell well, int plane) {
        return EmbryoScopeWell.parseId(well.wellId())
                .map(w -> EmbryoScopeVideoName.of(well.slideId(), w, plane).fileName())
                .orElse(well.slideId() + "_" + well.wellId() + "_F" + plane + ".avi");
    }
}
