package io.embryostream.synthetic.export;

import io.embryostream.synthetic.embryo.EmbryoTimeline;

import java.util.Objects;

/**
 * One well of a synthetic slide: its number on the slide (1-based) and the embryo's drawn timeline,
 * from which the writers render the frames and fill the annotation sheets.
 */
public record SyntheticWell(int number, EmbryoTimeline timeline) {

    public SyntheticWell {
        if (number < 1) {
            throw new IllegalArgumentException("well numbers start at 1, was " + number);
        }
        Objects.requireNonNull(timeline, "timeline");
    }
}
