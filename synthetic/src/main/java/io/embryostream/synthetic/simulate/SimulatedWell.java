package io.embryostream.synthetic.simulate;

/**
 * One well of the synthetic incubator, numbered from 1 as incubators label them; {@code index} is its place
 * in the whole layout (0-based), which picks its embryo in the cohort and its moment in the sweep.
 */
public record SimulatedWell(int incubator, int slide, int well, int index) {

    /** A slide id in the style of real ones, e.g. {@code SIM-I01-S02}: incubator and slide, nothing else. */
    public String slideId() {
        return String.format("SIM-I%02d-S%02d", incubator, slide);
    }

    /** Slide and well for people, e.g. {@code SIM-I01-S02 P03}. */
    public String displayLabel() {
        return slideId() + String.format(" P%02d", well);
    }

    /**
     * The identity the embryo id is the keyed hash of: {@code synthetic:<seed>/<incubator>/<slide>/<well>}. The
     * run's seed is part of it because another seed grows other embryos in the same wells; without it two runs
     * would publish different embryos under one id and mix their state downstream.
     */
    public String sourceIdentity(long seed) {
        return "synthetic:" + seed + "/" + incubator + "/" + slide + "/" + well;
    }
}
