package io.embryostream.synthetic.simulate;

import java.util.ArrayList;
import java.util.List;

/** How many incubators, slides per incubator and wells per slide the synthetic incubator runs: one embryo per well. */
public record IncubatorLayout(int incubators, int slidesPerIncubator, int wellsPerSlide) {

    public IncubatorLayout {
        if (incubators < 1 || slidesPerIncubator < 1 || wellsPerSlide < 1) {
            throw new IllegalArgumentException("incubators, slides and wells must each be at least 1, got "
                    + incubators + " x " + slidesPerIncubator + " x " + wellsPerSlide);
        }
    }

    public int embryos() {
        return Math.multiplyExact(Math.multiplyExact(incubators, slidesPerIncubator), wellsPerSlide);
    }

    /** Every well, incubator by incubator, slide by slide. */
    public List<SimulatedWell> wells() {
        List<SimulatedWell> wells = new ArrayList<>(embryos());
        for (int i = 1; i <= incubators; i++) {
            for (int s = 1; s <= slidesPerIncubator; s++) {
                for (int w = 1; w <= wellsPerSlide; w++) {
                    wells.add(new SimulatedWell(i, s, w, wells.size()));
                }
            }
        }
        return wells;
    }
}
