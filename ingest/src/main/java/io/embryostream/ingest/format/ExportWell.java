package io.embryostream.ingest.format;

import io.embryostream.ingest.annotation.WellAnnotation;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One well (Gomez: one embryo) of an export folder: its annotation, if a sheet row gave one, and
 * its media by signed plane offset: one video per plane (MIRI, EmbryoScope) or the plane's jpeg
 * frames in frame order (Gomez).
 *
 * @param slideId the slide id (Gomez: the dataset folder's name)
 */
public record ExportWell(String slideId, String wellId, Optional<WellAnnotation> annotation,
                         SortedMap<Integer, List<Path>> mediaByPlane) {

    public ExportWell {
        TreeMap<Integer, List<Path>> copy = new TreeMap<>();
        mediaByPlane.forEach((plane, media) -> copy.put(plane, List.copyOf(media)));
        mediaByPlane = Collections.unmodifiableSortedMap(copy);
    }
}
