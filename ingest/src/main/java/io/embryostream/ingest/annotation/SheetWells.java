package io.embryostream.ingest.annotation;

import io.embryostream.staging.Onsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a vendor's sheet reader gathers well by well: each well read once, a well with nothing
 * filled kept as a warning, a well that cannot be read rejected with its reason (the rest of the
 * sheet is still read).
 */
public final class SheetWells {

    private static final Logger LOG = LoggerFactory.getLogger(SheetWells.class);

    private final Set<String> seen = new HashSet<>();
    private final List<WellAnnotation> wells = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<ExportFormatException> rejected = new ArrayList<>();

    /** True the first time {@code wellId} is seen; the reader refuses a second row or column for it. */
    public boolean firstTime(String wellId) {
        return seen.add(wellId);
    }

    /** A read well, in hours; {@code where} ("row 4", "column C") names it in the warning when nothing is filled. */
    public void add(String wellId, String where, Onsets onsets) {
        if (onsets.isEmpty()) {
            warnings.add("well " + wellId + " (" + where + "): nothing filled, not annotated");
        } else {
            wells.add(new WellAnnotation(wellId, onsets, AnnotationUnit.HOURS));
        }
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public void reject(ExportFormatException e) {
        LOG.warn("Skipping a well: {}", e.getMessage());
        rejected.add(e);
    }

    public SheetReadResult result(Set<String> unknownLabels) {
        return new SheetReadResult(wells, unknownLabels, warnings, rejected);
    }
}
