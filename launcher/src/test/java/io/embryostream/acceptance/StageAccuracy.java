package io.embryostream.acceptance;

import java.util.NavigableMap;
import java.util.function.IntFunction;

/**
 * Per-frame accuracy of one reading of the classifier's output against ground truth, counted over the labelled
 * time points only (the frames the model card's evaluation scored). A time point the reading has no stage for
 * counts as wrong.
 */
final class StageAccuracy {

    private int frames;
    private int correct;
    private int missing;

    /**
     * @param truth    class name per labelled time point of one embryo
     * @param stageAt  the reading's class name at a time point of that embryo, null where it has none
     */
    void add(NavigableMap<Integer, String> truth, IntFunction<String> stageAt) {
        truth.forEach((timePoint, label) -> {
            frames++;
            String stage = stageAt.apply(timePoint);
            if (stage == null) {
                missing++;
            } else if (stage.equals(label)) {
                correct++;
            }
        });
    }

    int frames() {
        return frames;
    }

    /** Labelled time points the reading had no stage for. */
    int missing() {
        return missing;
    }

    double accuracy() {
        return (double) correct / frames;
    }
}
