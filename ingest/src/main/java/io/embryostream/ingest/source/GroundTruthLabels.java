package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.StagingScheme;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The labels of a well's frames under both schemes, from its annotation by the onset rules of
 * {@link Onsets}: queried at the frame index where the annotation is in frames (Gomez, MIRI after
 * {@code MiriFrameClock.toFrames}), at the frame's hours where it is in hours (EmbryoScope).
 */
final class GroundTruthLabels {

    private final Optional<WellAnnotation> annotation;

    /** No labels: an unannotated well, or one whose annotation was refused. */
    static final GroundTruthLabels NONE = new GroundTruthLabels(Optional.empty());

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

    /**
     * Where the latest annotated onset lies beyond the recording, a message saying so: an onset after
     * the last frame cannot have been seen (hours typed in the wrong unit or with a slip of the keyboard),
     * so the well's labels are wrong. A margin of 5 % of the recording (at least 2 frames, or 1 h) allows
     * for annotators' and instruments' clocks.
     *
     * @param lastFrame the recording's last frame
     * @param lastHours its hours post-insemination, where known (needed for annotations in hours)
     */
    Optional<String> beyondRecording(int lastFrame, OptionalDouble lastHours) {
        if (annotation.isEmpty() || annotation.get().onsets().isRapidAnnotation()) {
            return Optional.empty();
        }
        boolean frames = annotation.get().unit() == AnnotationUnit.FRAMES;
        if (!frames && lastHours.isEmpty()) {
            return Optional.empty();
        }
        double end = frames ? lastFrame : lastHours.getAsDouble();
        double margin = frames ? Math.max(2, 0.05 * end) : Math.max(1, 0.05 * end);
        return annotation.get().onsets().asMap().entrySet().stream().filter(e -> e.getValue() > end + margin)
                .max(Map.Entry.comparingByValue())
                .map(e -> "the annotation's " + e.getKey().label() + (frames ? " at frame " + e.getValue().longValue()
                        : String.format(Locale.ROOT, " at %.2f h", e.getValue())) + " lies beyond the recording, whose"
                        + " last frame (" + lastFrame + ")" + (lastHours.isPresent()
                        ? String.format(Locale.ROOT, " is at %.2f h", lastHours.getAsDouble()) : " ends it"));
    }

    public boolean annotated() {
        return annotation.isPresent();
    }
}
