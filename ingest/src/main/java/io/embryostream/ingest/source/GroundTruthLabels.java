package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.StagingScheme;

import java.util.Optional;

/**
 * The labels of a well's frames under both schemes, from its annotation by the onset rules of
 * {@link Onsets}: queried at the frame index where the annotation is in frames (Gomez, MIRI after
 * {@code MiriFrameClock.toFrames}), at the frame's hours where it is in hours (EmbryoScope).
 */
final class GroundTruthLabels {

    private final Optional<WellAnnotation> annotation;

    public GroundTruthLabels(Optional<WellAnnotation> annotation) {
        this.annotation = annotation;
    }

    /** Labels of frame {@code frame} taken at {@code hours}; empty for an unannotated well. */
    public Optional<GroundTruth> at(int frame, double hours) {
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        Onsets onsets = annotation.get().onsets();
        double t = annotation.get().unit() == AnnotationUnit.FRAMES ? frame : hours;
        return Optional.of(GroundTruth.newBuilder()
                .setPronuclear3(onsets.label(StagingScheme.PRONUCLEAR_3, t).orElse(null))
                .setGomez16(onsets.label(StagingScheme.GOMEZ_16, t).orElse(null))
                .setCellCount(null)
                .setReversal(false)
                .build());
    }

    public boolean annotated() {
        return annotation.isPresent();
    }
}
