package io.embryostream.acceptance;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One embryo's confirmed stages as its TransitionEvents state them: the stage of a time point is the stage of the
 * last confirmed transition whose onset is at or before it; before the first onset there is none.
 */
final class ConfirmedStages {

    private final NavigableMap<Integer, String> byOnset = new TreeMap<>();

    void confirm(int onsetTimePoint, String stage) {
        byOnset.put(onsetTimePoint, stage);
    }

    /** The confirmed stage at {@code timePoint}, null before the first confirmed onset. */
    String at(int timePoint) {
        Map.Entry<Integer, String> since = byOnset.floorEntry(timePoint);
        return since == null ? null : since.getValue();
    }
}
