package io.embryostream.synthetic.simulate;

import io.embryostream.synthetic.embryo.EmbryoTimeline;

/**
 * The embryo in one well: its published id (keyed hash of the well's identity), its timeline, and its place
 * in the incubator's sweep over the wells, in [0, 1) of a frame interval.
 */
public record SimulatedEmbryo(SimulatedWell well, String embryoId, EmbryoTimeline timeline, double sweep) {
}
