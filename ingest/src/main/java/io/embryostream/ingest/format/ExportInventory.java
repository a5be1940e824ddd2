package io.embryostream.ingest.format;

import io.embryostream.ingest.annotation.ExportFormatException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an export folder holds, as {@code source.ExportLayout} found it.
 *
 * @param wells                  every well with an annotation or media, by slide and well id
 * @param wellsWithoutMedia      annotated wells no video / frame folder was found for ({@code "<slide> <well>"})
 * @param mediaWithoutAnnotation videos (Gomez: embryo folders) whose well has no annotation: no
 *                               sheet row, nothing filled, a rejected row, or an unparseable name
 * @param unknownColumns         unknown sheet columns / row labels over all sheets, reported once
 * @param warnings               from the sheets and the folder scan, prefixed by the file they concern
 * @param rejected               wells or whole sheets that could not be read; the rest was read
 */
public record ExportInventory(ExportKind kind, Path folder, List<ExportWell> wells, List<String> wellsWithoutMedia,
                              List<Path> mediaWithoutAnnotation, Set<String> unknownColumns, List<String> warnings,
                              List<ExportFormatException> rejected) {

    public ExportInventory {
        wells = List.copyOf(wells);
        wellsWithoutMedia = List.copyOf(wellsWithoutMedia);
        mediaWithoutAnnotation = List.copyOf(mediaWithoutAnnotation);
        unknownColumns = Collections.unmodifiableSet(new LinkedHashSet<>(unknownColumns));
        warnings = List.copyOf(warnings);
        rejected = List.copyOf(rejected);
    }
}
