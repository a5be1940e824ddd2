package io.embryostream.synthetic.embryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.staging.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TimelineSamplerTest {

    private static final int EMBRYOS = 2000;
    private static final TimingModel MODEL = TimingModel.bundled();

    private static List<EmbryoTimeline> sample(TimelineSampler.Rates rates) {
        TimelineSampler sampler = new TimelineSampler(MODEL, rates);
        List<EmbryoTimeline> out = new ArrayList<>();
        for (int i = 0; i < EMBRYOS; i++) {
            out.add(sampler.sample(1000 + i));
        }
        return out;
    }

    @Test
    void sameSeedSameTimelineOtherSeedOther() {
        TimelineSampler sampler = new TimelineSampler(MODEL, TimelineSampler.Rates.literature());
        assertThat(sampler.sample(5).onsets().asMap()).isEqualTo(sampler.sample(5).onsets().asMap());
        assertThat(sampler.sample(5).onsets().asMap()).isNotEqualTo(sampler.sample(6).onsets().asMap());
    }

    @Test
    void onsetsIncreaseInDevelopmentalOrder() {
        for (EmbryoTimeline t : sample(TimelineSampler.Rates.literature())) {
            double previous = 0;
            for (Map.Entry<Phase, Double> e : t.onsets().asMap().entrySet()) {
                assertThat(e.getValue()).as("%s of %s", e.getKey(), t).isGreaterThan(previous);
                previous = e.getValue();
            }
        }
    }

    @Test
    void normalEmbryosMatchTheRealMedianOnsets() {
        List<EmbryoTimeline> normal = sample(TimelineSampler.Rates.normal());
        // FORMATS.md: median onset frames of the 524 real embryos, × 0.25 h
        assertThat(median(normal, Phase.T2)).isCloseTo(98 * 0.25, within(98 * 0.25 * 0.08));
        assertThat(median(normal, Phase.T8)).isCloseTo(209 * 0.25, within(209 * 0.25 * 0.08));
        assertThat(median(normal, Phase.TB)).isCloseTo(414 * 0.25, within(414 * 0.25 * 0.08));
        assertThat(normal).allMatch(t -> t.abnormalities().isEmpty() && t.pronuclei() == 2
                && t.onsets().asMap().size() == Phase.values().length);
    }

    @Test
    void abnormalitiesComeAtTheirRates() {
        TimelineSampler.Rates rates = TimelineSampler.Rates.literature();
        List<EmbryoTimeline> all = sample(rates);
        assertThat(share(all, Abnormality.DIRECT_CLEAVAGE)).isCloseTo(rates.directCleavage(), within(0.03));
        assertThat(share(all, Abnormality.REVERSE_CLEAVAGE)).isCloseTo(rates.reverseCleavage(), within(0.035));
        assertThat(share(all, Abnormality.ARREST)).isCloseTo(rates.arrest(), within(0.025));
        assertThat(share(all, Abnormality.SLOW_DEVELOPMENT)).isCloseTo(rates.slowDevelopment(), within(0.025));
        assertThat(all.stream().filter(t -> t.pronuclei() == 1).count() / (double) EMBRYOS).isCloseTo(rates.onePronucleus(), within(0.015));
        assertThat(all.stream().filter(t -> t.pronuclei() == 3).count() / (double) EMBRYOS).isCloseTo(rates.threePronuclei(), within(0.015));
    }

    @Test
    void directCleavageIsExactlyTheShortT2ToT3() {
        for (EmbryoTimeline t : sample(TimelineSampler.Rates.literature())) {
            OptionalDouble t2 = t.onsets().onset(Phase.T2), t3 = t.onsets().onset(Phase.T3);
            boolean flagged = t.abnormalities().contains(Abnormality.DIRECT_CLEAVAGE);
            if (flagged) {
                assertThat(t3.getAsDouble() - t2.getAsDouble()).isLessThan(5);
            } else if (t3.isPresent()) {
                assertThat(t3.getAsDouble() - t2.getAsDouble()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void reverseCleavageLowersTheCountForAWhile() {
        List<EmbryoTimeline> reversed = sample(TimelineSampler.Rates.literature()).stream()
                .filter(t -> t.abnormalities().contains(Abnormality.REVERSE_CLEAVAGE)).toList();
        assertThat(reversed).isNotEmpty();
        for (EmbryoTimeline t : reversed) {
            double last = t.onsets().asMap().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double[] steps = new double[(int) (last * 10) + 10];
            Arrays.setAll(steps, i -> i * 0.1);
            int max = 0;
            boolean dropped = false;
            for (double h : steps) {
                int count = t.cellCount(h);
                if (count < max) {
                    dropped = true;
                    assertThat(t.inReversal(h)).as("%s at %s h", t, h).isTrue();
                    assertThat(count).isEqualTo(max - 1);
                }
                max = Math.max(max, count);
            }
            assertThat(dropped).as("%s", t).isTrue();
        }
    }

    @Test
    void arrestedEmbryosStopDeveloping() {
        List<EmbryoTimeline> arrested = sample(TimelineSampler.Rates.literature()).stream()
                .filter(t -> t.abnormalities().contains(Abnormality.ARREST)).toList();
        assertThat(arrested).isNotEmpty().allMatch(t -> t.onsets().onset(Phase.THB).isEmpty()
                && t.cellCount(1000) == t.cellCount(300));
    }

    @Test
    void slowEmbryosAreLater() {
        TimelineSampler.Rates slow = new TimelineSampler.Rates(0, 0, 0, 0, 0, 1, false);
        double slowT8 = median(sample(slow), Phase.T8);
        double normalT8 = median(sample(TimelineSampler.Rates.normal()), Phase.T8);
        assertThat(slowT8).isGreaterThan(normalT8 * 1.2);
    }

    private static double median(List<EmbryoTimeline> timelines, Phase p) {
        double[] v = timelines.stream().map(t -> t.onsets().onset(p)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
        return v[v.length / 2];
    }

    private static double share(List<EmbryoTimeline> timelines, Abnormality a) {
        return timelines.stream().filter(t -> t.abnormalities().contains(a)).count() / (double) timelines.size();
    }
}
