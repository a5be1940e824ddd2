package io.embryostream.synthetic.export;

import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** The wells of one synthetic slide, in well order; what every export writer renders from. */
public record SyntheticSlide(List<SyntheticWell> wells) {

    public SyntheticSlide {
        wells = List.copyOf(wells);
        if (wells.isEmpty()) {
            throw new IllegalArgumentException("a slide needs at least one well");
        }
        Set<Integer> numbers = new HashSet<>();
        for (SyntheticWell well : wells) {
            if (!numbers.add(well.number())) {
                throw new IllegalArgumentException("well " + well.number() + " given twice");
            }
        }
    }

    /**
     * Wells 1…{@code wells} with timelines drawn from the bundled timing model (fitted to the
     * real Gomez annotations) at {@code rates}; the same seed always gives the same slide.
     */
    public static SyntheticSlide sample(long seed, int wells, TimelineSampler.Rates rates) {
        if (wells < 1) {
            throw new IllegalArgumentException("a slide needs at least one well, asked for " + wells);
        }
        TimelineSampler sampler = new TimelineSampler(TimingModel.bundled(), rates);
        SplittableRandom seeds = new SplittableRandom(seed);
        List<SyntheticWell> drawn = new ArrayList<>();
        for (int n = 1; n <= wells; n++) {
            drawn.add(new SyntheticWell(n, sampler.sample(seeds.nextLong())));
        }
        return new SyntheticSlide(drawn);
    }
}
