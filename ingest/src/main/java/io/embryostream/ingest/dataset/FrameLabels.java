package io.embryostream.ingest.dataset;

import io.embryostream.staging.StagingScheme;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known about one time point: its class under each staging scheme (empty where unlabelled), the visible
 * cell count where known, and whether the count went down (reverse cleavage).
 */
public record FrameLabels(Optional<String> pronuclear3, Optional<String> gomez16, OptionalInt cellCount,
                          boolean reversal) {

    public FrameLabels {
        requireClass(StagingScheme.PRONUCLEAR_3, pronuclear3);
        requireClass(StagingScheme.GOMEZ_16, gomez16);
        if (cellCount.isPresent() && cellCount.getAsInt() < 0) {
            throw new IllegalArgumentException("cell count must not be negative, was " + cellCount.getAsInt());
        }
    }

    private static void requireClass(StagingScheme scheme, Optional<String> label) {
        label.ifPresent(l -> {
            if (!scheme.classNames().contains(l)) {
                throw new IllegalArgumentException("'" + l + "' is not a " + scheme.id() + " class " + scheme.classNames());
            }
        });
    }
}
