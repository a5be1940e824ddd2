package io.embryostream.ingest.gomez;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A discovered Gomez-layout folder.
 *
 * @param planes   plane offsets that have a folder
 * @param embryos  by name; embryos with only an annotation file are included (with no frames)
 * @param warnings missing planes and frames, files that are not frames, annotations without images
 */
public record GomezDataset(Path root, SortedSet<Integer> planes, List<GomezEmbryo> embryos, List<String> warnings) {

    public GomezDataset {
        planes = Collections.unmodifiableSortedSet(new TreeSet<>(planes));
        embryos = List.copyOf(embryos);
        warnings = List.copyOf(warnings);
    }
}
