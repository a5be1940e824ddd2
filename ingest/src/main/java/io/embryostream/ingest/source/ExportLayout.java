package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.ExportInventory;
import io.embryostream.ingest.annotation.ExportKind;
import io.embryostream.ingest.annotation.ExportWell;
import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.WellAnnotation;

import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.ingest.embryoscope.EmbryoScopeVideoName;
import io.embryostream.ingest.gomez.GomezDataset;
import io.embryostream.ingest.gomez.GomezEmbryo;
import io.embryostream.ingest.gomez.GomezLayout;
import io.embryostream.ingest.gomez.GomezPhasesFile;
import io.embryostream.ingest.miri.MiriCorrespondenceSheet;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.ingest.miri.MiriVideoName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides from a folder's contents which export it is (MIRI, EmbryoScope or Gomez) and lists its
 * wells with their annotation and media, reporting annotated wells without media and media
 * without an annotation. Only names are looked at here: media are opened by the video and frame
 * readers, sheets by their readers.
 */
public final class ExportLayout {

    /** How many of a folder's entries an error lists before giving a count. */
    private static final int LISTED_ENTRIES = 12;

    private ExportLayout() {
    }

    /**
     * @throws ExportFormatException when the folder holds no known export, or several kinds,
     *                               listing what it found
     */
    public static ExportKind detect(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ExportFormatException(folder, "not a folder; pass the folder the clinic export was copied to");
        }
        List<Path> entries = list(folder);
        Set<ExportKind> kinds = EnumSet.noneOf(ExportKind.class);
        for (Path entry : entries) {
            if (Files.isRegularFile(entry) && MiriSummarySheet.slideOf(entry).isPresent()) {
                kinds.add(ExportKind.MIRI);
            } else if (Files.isRegularFile(entry) && EmbryoScopeExportSheet.slideOf(entry).isPresent()) {
                kinds.add(ExportKind.EMBRYOSCOPE);
            } else if (Files.isDirectory(entry) && GomezLayout.planeOf(entry.getFileName().toString()).isPresent()) {
                kinds.add(ExportKind.GOMEZ);
            }
        }
        if (kinds.size() == 1) {
            return kinds.iterator().next();
        }
        if (kinds.isEmpty()) {
            String found = entries.stream().limit(LISTED_ENTRIES)
                    .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).collect(Collectors.joining(", "));
            String more = entries.size() > LISTED_ENTRIES ? " and " + (entries.size() - LISTED_ENTRIES) + " more" : "";
            throw new ExportFormatException(folder, "no known export here: expected a MIRI 'Time-lapse # <slide id> summary.xlsx',"
                    + " an EmbryoScope '<slide-id> EXPORT.xls' or Gomez 'embryo_dataset_F<plane>' folders; found "
                    + (entries.isEmpty() ? "nothing" : found + more));
        }
        throw new ExportFormatException(folder, "holds exports of several kinds " + kinds
                + "; copy each export to its own folder");
    }

    /** Detects the export and lists its wells; a sheet that cannot be read is rejected, the rest still listed. */
    public static ExportInventory inventory(Path folder) throws IOException {
        ExportKind kind = detect(folder);
        InventoryParts parts = new InventoryParts();
        switch (kind) {
            case MIRI -> collectMiri(folder, parts);
            case EMBRYOSCOPE -> collectEmbryoScope(folder, parts);
            case GOMEZ -> collectGomez(folder, parts);
        }
        return parts.toInventory(kind, folder);
    }

    private static void collectMiri(Path folder, InventoryParts parts) throws IOException {
        Path correspondence = folder.resolve(MiriCorrespondenceSheet.FILE_NAME);
        Map<String, String> originalByNew = new HashMap<>();
        if (Files.isRegularFile(correspondence)) {
            try {
                MiriCorrespondenceSheet.read(correspondence).forEach((original, renamed) -> originalByNew.put(renamed, original));
            } catch (ExportFormatException e) {
                parts.rejected.add(e);
            }
        }
        for (Path file : files(folder)) {
            String name = file.getFileName().toString();
            if (MiriSummarySheet.slideOf(file).isPresent()) {
                parts.addSheet(file, MiriSummarySheet.slideOf(file).get().value(), MiriSummarySheet::read);
            } else if (isVideo(name)) {
                String original = originalByNew.getOrDefault(name, originalByNew.getOrDefault(stem(name), name));
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
    }

    private static void collectEmbryoScope(Path folder, InventoryParts parts) throws IOException {
        for (Path file : files(folder)) {
            String name = file.getFileName().toString();
            Optional<String> slide = EmbryoScopeExportSheet.slideOf(file);
            if (slide.isPresent()) {
                parts.addSheet(file, slide.get(), EmbryoScopeExportSheet::read);
            } else if (isVideo(name)) {
                Optional<EmbryoScopeVideoName> video = EmbryoScopeVideoName.parse(name);
                if (video.isEmpty()) {
                    parts.unplaced(file, "not named <slide-id>_WELL<nn>[_F<plane>].avi");
                } else {
                    parts.addMedia(video.get().slideId(), video.get().well().id(), video.get().planeOffset(), file);
                }
            }
        }
    }

    private static void collectGomez(Path folder, InventoryParts parts) throws IOException {
        GomezDataset dataset = GomezLayout.discover(folder);
        String slide = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        dataset.warnings().forEach(w -> parts.warnings.add(folder.getFileName() + ": " + w));
        for (GomezEmbryo embryo : dataset.embryos()) {
            if (embryo.phases().isPresent()) {
                parts.addSheet(embryo.phases().get(), slide, GomezPhasesFile::read);
            }
            embryo.frames().forEach((plane, runs) -> runs.values().forEach(frame -> parts.addMedia(slide, embryo.name(), plane, frame)));
        }
    }

    private static boolean isVideo(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".avi") || lower.endsWith(".mp4");
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static List<Path> files(Path folder) throws IOException {
        return list(folder).stream().filter(Files::isRegularFile).toList();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.sorted().toList();
        }
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

    @FunctionalInterface
    private interface SheetReader {
        SheetReadResult read(Path file) throws IOException;
    }

    /** What the scan has gathered so far; turned into the inventory at the end. */
    private static final class InventoryParts {
        private final Map<WellKey, WellAnnotation> annotations = new TreeMap<>();
        private final Map<WellKey, SortedMap<Integer, List<Path>>> media = new TreeMap<>();
        private final List<Path> unplacedMedia = new ArrayList<>();
        private final Set<String> unknownColumns = new LinkedHashSet<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<ExportFormatException> rejected = new ArrayList<>();

        void addSheet(Path file, String slideId, SheetReader reader) throws IOException {
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

        void addMedia(String slideId, String wellId, int plane, Path file) {
            media.computeIfAbsent(new WellKey(slideId, wellId), k -> new TreeMap<>())
                    .computeIfAbsent(plane, p -> new ArrayList<>()).add(file);
        }

        void unplaced(Path file, String why) {
            unplacedMedia.add(file);
            warnings.add(file.getFileName() + ": " + why + "; not matched to a well");
        }

        ExportInventory toInventory(ExportKind kind, Path folder) {
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
                    wellMedia.values().forEach(files -> mediaWithoutAnnotation.addAll(
                            kind == ExportKind.GOMEZ ? List.of(files.get(0).getParent()) : files));
                }
                wells.add(new ExportWell(key.slideId(), key.wellId(), annotation, wellMedia));
            }
            return new ExportInventory(kind, folder, wells, wellsWithoutMedia, mediaWithoutAnnotation,
                    unknownColumns, warnings, rejected);
        }
    }
}
