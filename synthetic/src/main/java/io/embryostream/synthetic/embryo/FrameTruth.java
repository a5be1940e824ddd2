package io.embryostream.synthetic.embryo;

import java.util.Optional;

/**
 * What a rendered frame shows: its labels under both staging schemes (empty where unlabelled), the visible
 * cell count, and whether it lies in a reverse-cleavage window.
 */
public record FrameTruth(Optional<String> gomez16, Optional<String> pronuclear3, int cellCount, boolean reversal) {
}
