package io.embryostream.synthetic.simulate;

/**
 * When an incubator photographs an embryo, in culture time: one time point every {@code intervalMinutes}
 * from insemination for {@code hours}. Time point {@code k} (1-based) is taken at
 * {@code (k − 1 + sweep) × interval}, where {@code sweep} in [0, 1) is the well's place in the incubator's
 * sweep over its wells (0 for a single camera per well, as in a training set).
 */
public record CultureSchedule(double intervalMinutes, double hours) {

    public CultureSchedule {
        if (!(intervalMinutes > 0) || Double.isInfinite(intervalMinutes)) {
            throw new IllegalArgumentException("the frame interval must be a positive number of minutes, was " + intervalMinutes);
        }
        if (!(hours * 60 >= intervalMinutes) || Double.isInfinite(hours)) {
            throw new IllegalArgumentException("the culture must last at least one frame interval (" + intervalMinutes
                    + " min), was " + hours + " h");
        }
    }

    /** Time points per embryo: the culture length in whole frame intervals (140 h at 15 min: 560). */
    public int timePoints() {
        return (int) Math.round(hours * 60 / intervalMinutes);
    }

    /**
     * The last time point of a well at {@code sweep} taken at or before {@code hours} (an embryo recorded only
     * that long), at most {@link #timePoints()}; 0 when even the first is later.
     */
    public int lastTimePointBy(double hours, double sweep) {
        if (Double.isInfinite(hours)) {
            return timePoints();
        }
        int k = (int) Math.floor(hours * 60 / intervalMinutes - sweep + 1e-9) + 1;
        return Math.max(0, Math.min(timePoints(), k));
    }

    /** Hours post-insemination of time point {@code timePoint} (1-based) of a well at {@code sweep} in the sweep. */
    public double hoursAt(int timePoint, double sweep) {
        if (timePoint < 1 || timePoint > timePoints()) {
            throw new IllegalArgumentException("time point " + timePoint + " outside 1.." + timePoints());
        }
        if (!(sweep >= 0 && sweep < 1)) {
            throw new IllegalArgumentException("sweep position must lie in [0, 1), was " + sweep);
        }
        return (timePoint - 1 + sweep) * intervalMinutes / 60;
    }
}
