package io.embryostream.ingest.format;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.WellAnnotation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a format's folder scan has gathered: sheets read, media placed by slide, well and plane,
 * media it could not place; turned into the {@link ExportInventory} at the end. Not thread-safe.
 */
public final class InventoryBuilder {

    private final Map<WellKey, WellAnnotation> annotations = new TreeMap<>();
    private final Map<WellKey, SortedMap<Integer, List<Path>>> media = new TreeMap<>();
    private final List<Path> unplacedMedia = new ArrayList<>();
    private final Set<String> unknownColumns = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<ExportFormatException> rejected = new ArrayList<>();

    /** Reads a sheet whose wells belong to {@code slideId}; a sheet that cannot be read is rejected, not thrown. */
    public void addSheet(Path file, String slideId, SheetReader reader) throws IOException {
        SheetReadResult result;
        try {
            result = reader.read(file);
        } catch (ExportFormatException e) {
            rejected.add(e);
            return;
        }
        result.wells().forEach(w -> annotations.put(new WellKey(slideId, w.wellId()), w));
        unknownColumns.addAll(result.unknownColumns());
        result.warnings().forEach(w -> warnings.add(file.getFileName() + ": " + w));
        rejected.addAll(result.rejected());
    }

    public void addMedia(String slideId, String wellId, int plane, Path file) {
        media.computeIfAbsent(new WellKey(slideId, wellId), k -> new TreeMap<>())
                .computeIfAbsent(plane, p -> new ArrayList<>()).add(file);
    }

    /** A media file no well could be found for, and why. */
    public void unplaced(Path file, String why) {
        unplacedMedia.add(file);
        warnings.add(file.getFileName() + ": " + why + "; not matched to a well");
    }

    public void warning(String warning) {
        warnings.add(warning);
    }

    public void rejected(ExportFormatException e) {
        rejected.add(e);
    }

    public ExportInventory build(ExportKind kind, ExportFormat.MediaKind mediaKind, Path folder) {
        Set<WellKey> keys = new TreeSet<>(annotations.keySet());
        keys.addAll(media.keySet());
        List<ExportWell> wells = new ArrayList<>();
        List<String> wellsWithoutMedia = new ArrayList<>();
        List<Path> mediaWithoutAnnotation = new ArrayList<>(unplacedMedia);
        for (WellKey key : keys) {
            SortedMap<Integer, List<Path>> wellMedia = media.getOrDefault(key, new TreeMap<>());
            Optional<WellAnnotation> annotation = Optional.ofNullable(annotations.get(key));
            if (wellMedia.isEmpty()) {
                wellsWithoutMedia.add(key.toString());
            }
            if (annotation.isEmpty()) {
                // an image sequence is reported by its folder, not image by image
                wellMedia.values().forEach(files -> mediaWithoutAnnotation.addAll(
                        mediaKind == ExportFormat.MediaKind.IMAGES ? List.of(files.get(0).getParent()) : files));
            }
            wells.add(new ExportWell(key.slideId(), key.wellId(), annotation, wellMedia));
        }
        return new ExportInventory(kind, folder, wells, wellsWithoutMedia, mediaWithoutAnnotation,
                unknownColumns, warnings, rejected);
    }

    @FunctionalInterface
    public interface SheetReader {
        SheetReadResult read(Path file) throws IOException;
    }

    private record WellKey(String slideId, String wellId) implements Comparable<WellKey> {
        @Override
        public int compareTo(WellKey other) {
            int bySlide = slideId.compareTo(other.slideId);
            return bySlide != 0 ? bySlide : wellId.compareTo(other.wellId);
        }

        @Override
        public String toString() {
            return slideId + " " + wellId;
        }
    }
}
