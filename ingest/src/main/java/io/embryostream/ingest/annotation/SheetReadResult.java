package io.embryostream.ingest.annotation;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a reader got out of one annotation file.
 *
 * @param wells          annotated wells in file order; wells with nothing filled are absent
 * @param unknownColumns column (or row) names the reader does not know and ignored, reported once
 * @param warnings       things worth a look that did not stop reading (overlaps, gaps, empty wells)
 * @param rejected       one error per well the reader could not read (bad cell, bad well name);
 *                       the other wells are still in {@code wells}
 */
public record SheetReadResult(List<WellAnnotation> wells, Set<String> unknownColumns, List<String> warnings,
                              List<ExportFormatException> rejected) {

    public SheetReadResult {
        wells = List.copyOf(wells);
        unknownColumns = Collections.unmodifiableSet(new LinkedHashSet<>(unknownColumns));
        warnings = List.copyOf(warnings);
        rejected = List.copyOf(rejected);
    }
}
