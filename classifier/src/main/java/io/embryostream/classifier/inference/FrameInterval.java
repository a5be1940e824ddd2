package io.embryostream.classifier.inference;

/**
 * How an embryo's frame interval meets the model's nominal one ({@code window.nominalIntervalHours}). A temporal
 * head learnt the dynamics of frames at that interval: fed every frame of a 5-minute stream, an LSTM trained on
 * 20-minute frames takes four steps where it learnt one, and a Transformer window covers a quarter of its hours.
 * With {@code resample}, only the time points nearest the model's interval grid advance the head's context; every
 * other time point is still classified (one StageEvent each), from the context of the last grid time point plus its
 * own frame, and leaves the context as it was. A stream slower than the model cannot be resampled: each of its
 * time points advances the context. Either way an interval off the model's beyond {@code tolerance} (relative) for
 * {@link #CONFIRMING_GAPS} gaps in a row is a mismatch, counted and logged once per embryo.
 */
public record FrameInterval(boolean resample, double tolerance) {

    /** Consecutive gaps off the model's interval, in one direction, before an embryo's mismatch is reported. */
    public static final int CONFIRMING_GAPS = 3;

    /** Culture hours below which two hours are the same (float rounding of the interval). */
    private static final double EPSILON_HOURS = 1e-6;
    /**
     * Relative slack of the tolerance comparison: model.json's 20 minutes are 0.3333001 h (19.998 min), so a 25-min
     * stream's ratio is 1.250125, not 1.25; a tolerance of 0.25 means 15 to 25 minutes match a 20-minute model.
     */
    private static final double RATIO_SLACK = 1e-3;

    public FrameInterval {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("model.interval.tolerance must lie in [0, 1), got " + tolerance);
        }
    }

    /** How a gap between two frames compares with the model's interval. */
    public enum Mismatch {
        NONE, SHORTER, LONGER
    }

    /**
     * Whether a time point at {@code hours} advances the head's context: the first one does; later ones when the
     * time since the last advance is nearer the model's interval than waiting for the next frame would be (the
     * stream's interval taken as the gap since its last time point). A 5- or 10-minute stream advances every
     * 20 minutes, a 15-minute stream every frame (15 is nearer 20 than 30 is).
     */
    public boolean advances(TemporalContext.Cadence cadence, double hours, double nominalHours) {
        if (!resample || Double.isNaN(cadence.advancedHours()) || Double.isNaN(cadence.lastHours())) {
            return true;
        }
        double gap = hours - cadence.lastHours();
        return hours - cadence.advancedHours() >= nominalHours - gap / 2 - EPSILON_HOURS;
    }

    /** A gap of {@code gapHours} between consecutive time points against the model's interval. */
    public Mismatch mismatch(double gapHours, double nominalHours) {
        if (!(gapHours > 0) || !(nominalHours > 0)) {
            return Mismatch.NONE;
        }
        double ratio = gapHours / nominalHours;
        if (ratio < 1 - tolerance - RATIO_SLACK) {
            return Mismatch.SHORTER;
        }
        return ratio > 1 + tolerance + RATIO_SLACK ? Mismatch.LONGER : Mismatch.NONE;
    }

    /**
     * Whether a stream with frames every {@code gapHours} is resampled: with resampling on, when its gap is under two
     * thirds of the model's interval (from there on each frame is nearer the grid than the next, so every frame
     * advances the head). A 14-minute stream of a 20-minute model is a mismatch but advances every frame.
     */
    public boolean resamples(double gapHours, double nominalHours) {
        return resample && gapHours > 0 && gapHours < nominalHours * 2 / 3 - EPSILON_HOURS;
    }

    /** The run of mismatched gaps after one more: positive counts longer gaps, negative shorter, 0 after a match. */
    public static int streak(int previous, Mismatch gap) {
        return switch (gap) {
            case NONE -> 0;
            case SHORTER -> Math.min(previous, 0) - 1;
            case LONGER -> Math.max(previous, 0) + 1;
        };
    }

    /** The mismatch a streak confirms, or NONE while it is shorter than {@link #CONFIRMING_GAPS}. */
    public static Mismatch confirmed(int streak) {
        if (streak >= CONFIRMING_GAPS) {
            return Mismatch.LONGER;
        }
        return streak <= -CONFIRMING_GAPS ? Mismatch.SHORTER : Mismatch.NONE;
    }
}
