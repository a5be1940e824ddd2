package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.format.ExportEmbryo;
import io.embryostream.ingest.format.ExportFormat;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.ExportWell;
import io.embryostream.ingest.format.FrameClock;
import io.embryostream.ingest.format.FrameSize;
import io.embryostream.ingest.format.InventoryBuilder;
import io.embryostream.schemas.HpiSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The public Gomez et al. 2022 layout (FORMATS.md §3): {@code embryo_dataset_F<plane>/<embryo>/}
 * jpeg sequences, phase files on the frame axis, hours from each embryo's time file. The dataset
 * folder's name stands for the slide; embryo identity {@code gomez:<embryo>}.
 */
public final class GomezExport implements ExportFormat {

    @Override
    public ExportKind kind() {
        return ExportKind.GOMEZ;
    }

    @Override
    public boolean marks(Path entry) {
        return Files.isDirectory(entry) && GomezLayout.planeOf(entry.getFileName().toString()).isPresent();
    }

    @Override
    public ExportInventory inventory(Path folder) throws IOException {
        InventoryBuilder parts = new InventoryBuilder();
        GomezDataset dataset = GomezLayout.discover(folder);
        String slide = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        dataset.warnings().forEach(w -> parts.warning(folder.getFileName() + ": " + w));
        for (GomezEmbryo embryo : dataset.embryos()) {
            if (embryo.phases().isPresent()) {
                parts.addSheet(embryo.phases().get(), slide, GomezPhasesFile::read);
            }
            embryo.frames().forEach((plane, runs) -> runs.values().forEach(frame -> parts.addMedia(slide, embryo.name(), plane, frame)));
        }
        return parts.build(kind(), media(), folder);
    }

    @Override
    public ExportEmbryo embryo(ExportWell well) {
        return new ExportEmbryo("gomez " + well.wellId(), "gomez:" + well.wellId(), well.wellId());
    }

    /** The embryo's time file; without one, the operator's nominal interval, else the embryo is skipped. */
    @Override
    public WellClock clock(Path root, ExportWell well, OptionalDouble frameIntervalMinutes) throws ExportFormatException {
        Path timeFile = root.resolve(GomezLayout.TIME_ELAPSED_FOLDER).resolve(well.wellId() + GomezTimeElapsedFile.SUFFIX);
        if (Files.isRegularFile(timeFile)) {
            try {
                return WellClock.of(new TimeFileClock(GomezTimeElapsedFile.read(timeFile), timeFile));
            } catch (ExportFormatException e) {
                throw new ExportFormatException(timeFile, e.detail() + " — embryo " + well.wellId() + " skipped");
            } catch (IOException e) {
                throw new ExportFormatException(timeFile, "cannot be read (" + e.getMessage() + "); embryo "
                        + well.wellId() + " skipped");
            }
        }
        if (frameIntervalMinutes.isPresent()) {
            return new WellClock(FrameClock.interval(frameIntervalMinutes.getAsDouble()),
                    Optional.of(root.relativize(timeFile).toString().replace('\\', '/') + " missing: hours of embryo "
                            + well.wellId() + " from --frame-interval-minutes " + frameIntervalMinutes.getAsDouble()));
        }
        throw new ExportFormatException(timeFile, "missing, so the frames' hours are unknown; embryo " + well.wellId()
                + " skipped — restore the time file or pass --frame-interval-minutes to use the nominal interval");
    }

    @Override
    public MediaKind media() {
        return MediaKind.IMAGES;
    }

    /** The Gomez images are 500×500 (FORMATS.md §3). */
    @Override
    public Optional<FrameSize> frameSize() {
        return Optional.of(new FrameSize(500, 500));
    }

    @Override
    public OptionalInt frameNumber(Path image) {
        return GomezLayout.runOf(image.getFileName().toString());
    }

    @Override
    public Path annotationFile(Path root, ExportWell well) {
        return root.resolve(GomezLayout.ANNOTATIONS_FOLDER).resolve(well.wellId() + GomezPhasesFile.SUFFIX);
    }

    @Override
    public String expectedMedia(ExportWell well, int plane) {
        return GomezLayout.PLANE_FOLDER_PREFIX + plane + "/" + well.wellId() + "/";
    }

    /** Hours read from the embryo's {@code _timeElapsed.csv}. */
    private record TimeFileClock(FrameTimes times, Path timeFile) implements FrameClock {

        @Override
        public Optional<Path> file() {
            return Optional.of(timeFile);
        }

        @Override
        public OptionalInt lastFrame() {
            return times.hoursByFrame().isEmpty() ? OptionalInt.empty() : OptionalInt.of(times.hoursByFrame().lastKey());
        }

        @Override
        public OptionalDouble hoursAt(int frame) {
            return times.hoursAt(frame);
        }

        @Override
        public HpiSource source() {
            return HpiSource.TIME_FILE;
        }

        @Override
        public OptionalDouble nominalIntervalMinutes() {
            return OptionalDouble.empty();
        }
    }
}
