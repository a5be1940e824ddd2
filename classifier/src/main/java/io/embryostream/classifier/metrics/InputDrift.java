package io.embryostream.classifier.metrics;

import io.micrometer.core.instrument.Counter;

/**
 * Running mean and spread of the pixels one model version sees, from each time point's mean and mean square:
 * a plain average over the first {@code window} time points, then an exponentially weighted one with weight
 * 1/{@code window}, so the figures follow a change of image source within about a window. Stream threads share it.
 */
public final class InputDrift {

    private final int window;
    private final Counter timePoints;
    private long count;
    private double mean = Double.NaN;
    private double meanSquare = Double.NaN;

    InputDrift(int window, Counter timePoints) {
        if (window < 1) {
            throw new IllegalArgumentException("drift.window.time.points must be at least 1, got " + window);
        }
        this.window = window;
        this.timePoints = timePoints;
    }

    /** Adds one time point: the mean and mean square of its input pixels. */
    public synchronized void add(double pixelMean, double pixelMeanSquare) {
        count++;
        double weight = 1.0 / Math.min(count, window);
        mean = count == 1 ? pixelMean : mean + weight * (pixelMean - mean);
        meanSquare = count == 1 ? pixelMeanSquare : meanSquare + weight * (pixelMeanSquare - meanSquare);
        timePoints.increment();
    }

    /** The running pixel mean; NaN before the first time point. */
    public synchronized double mean() {
        return mean;
    }

    /** The running pixel standard deviation over all pixels of the window's time points; NaN before the first. */
    public synchronized double std() {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, meanSquare - mean * mean));
    }
}
