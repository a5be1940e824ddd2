package io.embryostream.synthetic.export;

import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Slides whose embryos develop within the first hour or so, so that exports of a handful of frames
 * already span several labels under both schemes.
 */
public final class TestSlides {

    private TestSlides() {
    }

    /** Onsets in hours: each phase {@code stepHours} after the previous, from {@code firstHours}. */
    public static Onsets onsets(double firstHours, double stepHours, Phase... phases) {
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        for (int i = 0; i < phases.length; i++) {
            onsets.put(phases[i], firstHours + i * stepHours);
        }
        return Onsets.of(onsets);
    }

    /**
     * Two wells: well 1 a normal 2PN zygote (tPB2 0.15 h, tPNa 0.285 h, tPNf 0.42 h), well 2 a 3PN
     * one a little later (tPB2 0.20 h, tPNa 0.335 h, tPNf 0.47 h).
     */
    public static SyntheticSlide pronuclearSlide() {
        return new SyntheticSlide(List.of(
                new SyntheticWell(1, EmbryoTimeline.builder(11, onsets(0.15, 0.135, Phase.TPB2, Phase.TPNA, Phase.TPNF))
                        .pronuclei(2).build()),
                new SyntheticWell(2, EmbryoTimeline.builder(12, onsets(0.20, 0.135, Phase.TPB2, Phase.TPNA, Phase.TPNF))
                        .pronuclei(3).build())));
    }

    /** {@code wells} wells going through tPB2 … t3, one phase every {@code stepHours} from {@code firstHours}. */
    public static SyntheticSlide cleavingSlide(int wells, double firstHours, double stepHours) {
        return new SyntheticSlide(java.util.stream.IntStream.rangeClosed(1, wells)
                .mapToObj(n -> new SyntheticWell(n, EmbryoTimeline.builder(100 + n,
                        onsets(firstHours + 0.1 * n, stepHours, Phase.TPB2, Phase.TPNA, Phase.TPNF, Phase.T2, Phase.T3)).build()))
                .toList());
    }
}
