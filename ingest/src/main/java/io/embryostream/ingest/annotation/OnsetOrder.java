package io.embryostream.ingest.annotation;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The cross-check every annotation reader runs on a well's onsets: a later stage cannot start before
 * an earlier one (2nd polar body hours after the pronuclei is a typing error, not biology). Equal
 * onsets are accepted (two events seen in one frame); none of the 524 real Gomez phase files breaks
 * the order. A well that does is refused as a whole: its labels would be wrong from the first
 * misplaced onset on.
 */
public final class OnsetOrder {

    private OnsetOrder() {
    }

    /**
     * @param file  the sheet or file, for the message
     * @param well  the well as the message names it, e.g. {@code "well P03"}
     * @throws ExportFormatException naming the first pair out of order, with both onsets
     */
    public static Onsets checked(Onsets onsets, Path file, String well, AnnotationUnit unit) throws ExportFormatException {
        if (onsets.isRapidAnnotation()) {
            return onsets;
        }
        Map<Phase, Double> byPhase = onsets.asMap();
        Phase latestPhase = null;
        for (Phase phase : Phase.values()) {
            Double onset = byPhase.get(phase);
            if (onset == null) {
                continue;
            }
            if (latestPhase != null && onset < byPhase.get(latestPhase)) {
                throw new ExportFormatException(file, well + ": " + latestPhase.label() + " at " + format(byPhase.get(latestPhase), unit)
                        + " comes after " + phase.label() + " at " + format(onset, unit) + ", a later stage; the stages"
                        + " must start in developmental order — correct the annotation (its frames are published without labels)");
            }
            if (latestPhase == null || onset >= byPhase.get(latestPhase)) {
                latestPhase = phase;
            }
        }
        return onsets;
    }

    private static String format(double value, AnnotationUnit unit) {
        return unit == AnnotationUnit.FRAMES ? "frame " + (long) value : String.format(Locale.ROOT, "%.2f h", value);
    }
}
