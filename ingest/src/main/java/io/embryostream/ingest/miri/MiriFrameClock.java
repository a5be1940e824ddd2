package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;

import java.util.EnumMap;
import java.util.Map;

/** MIRI's time axis: one frame every 5 minutes, so an annotation at h hours is frame ceil(h × 12). */
final class MiriFrameClock {

    public static final int FRAMES_PER_HOUR = 12;

    /**
     * Hours written with a few decimals are not exact binary fractions (25/12 h × 12 =
     * 25.000000000000004): without this tolerance ceil would push such onsets one frame late.
     */
    private static final double TOLERANCE = 1e-6;

    private MiriFrameClock() {
    }

    /** The frame index of an annotation at {@code hours} post-insemination. */
    public static int frameOf(double hours) {
        if (!Double.isFinite(hours) || hours < 0) {
            throw new IllegalArgumentException("Hours post-insemination must be a non-negative number, was " + hours);
        }
        return (int) Math.ceil(hours * FRAMES_PER_HOUR - TOLERANCE);
    }

    /** The same annotation on the frame axis; a "ras" annotation stays one. */
    public static WellAnnotation toFrames(WellAnnotation annotation) {
        if (annotation.unit() != AnnotationUnit.HOURS) {
            throw new IllegalArgumentException("Well " + annotation.wellId() + " is already in " + annotation.unit());
        }
        Onsets onsets = annotation.onsets();
        if (onsets.isRapidAnnotation()) {
            return new WellAnnotation(annotation.wellId(), onsets, AnnotationUnit.FRAMES);
        }
        Map<Phase, Double> frames = new EnumMap<>(Phase.class);
        onsets.asMap().forEach((phase, hours) -> frames.put(phase, (double) frameOf(hours)));
        return new WellAnnotation(annotation.wellId(), Onsets.of(frames), AnnotationUnit.FRAMES);
    }
}
