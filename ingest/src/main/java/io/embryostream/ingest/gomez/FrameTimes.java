package io.embryostream.ingest.gomez;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/** Hours post-insemination of each frame of one embryo (1-based frame index). */
public record FrameTimes(SortedMap<Integer, Double> hoursByFrame) {

    public FrameTimes {
        TreeMap<Integer, Double> copy = new TreeMap<>(hoursByFrame);
        double previous = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : copy.entrySet()) {
            if (e.getKey() < 1 || e.getValue() == null || !Double.isFinite(e.getValue()) || e.getValue() < 0) {
                throw new IllegalArgumentException("Frame " + e.getKey() + " at " + e.getValue()
                        + " h: frames start at 1 and times are non-negative hours");
            }
            if (e.getValue() < previous) {
                throw new IllegalArgumentException("Frame " + e.getKey() + " is earlier than the frame before it");
            }
            previous = e.getValue();
        }
        hoursByFrame = Collections.unmodifiableSortedMap(copy);
    }

    public OptionalDouble hoursAt(int frame) {
        Double hours = hoursByFrame.get(frame);
        return hours == null ? OptionalDouble.empty() : OptionalDouble.of(hours);
    }
}
