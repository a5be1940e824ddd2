package io.embryostream.ingest.annotation;

import io.embryostream.staging.Onsets;

import java.util.Objects;

/**
 * The onsets annotated for one well (or one Gomez embryo), as a reader found them. {@code wellId}
 * is the well's name as it appears in the export's media file names ({@code P01} for MIRI,
 * {@code WELL01} for EmbryoScope, the embryo folder name for Gomez), so sheets and media can be
 * matched without a second naming rule. Never carries patient data.
 */
public record WellAnnotation(String wellId, Onsets onsets, AnnotationUnit unit) {

    public WellAnnotation {
        Objects.requireNonNull(wellId, "wellId");
        Objects.requireNonNull(onsets, "onsets");
        Objects.requireNonNull(unit, "unit");
        if (wellId.isBlank()) {
            throw new IllegalArgumentException("wellId must not be blank");
        }
    }
}
