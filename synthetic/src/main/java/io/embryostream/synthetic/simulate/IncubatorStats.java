package io.embryostream.synthetic.simulate;

/**
 * A snapshot of a running synthetic incubator.
 *
 * @param cultureHours  the latest hours post-insemination published
 * @param lagSeconds    how far the latest scheduled time point was behind its wall-clock time (0 when on time)
 * @param finished      every embryo ended, or the run was stopped or failed
 */
public record IncubatorStats(int embryos, long embryosStarted, long embryosEnded, long timePoints, long frames,
                             long badRecords, double cultureHours, double targetHours, double lagSeconds,
                             double elapsedSeconds, boolean finished) {
}
