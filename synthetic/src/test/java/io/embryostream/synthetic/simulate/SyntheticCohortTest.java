package io.embryostream.synthetic.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.synthetic.embryo.Abnormality;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.RealTimelines;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;
import io.embryostream.staging.Phase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticCohortTest {

    private static final int EMBRYOS = 3000;

    @Test
    void abnormalRatesAskedForAreWhatTheCohortHas() {
        TimelineSampler.Rates rates = new TimelineSampler.Rates(0.05, 0.05, 0.30, 0.20, 0.15, 0.25, false);
        SyntheticCohort cohort = SyntheticCohort.sampled(new TimelineSampler(TimingModel.bundled(), rates), 11, EMBRYOS);
        List<EmbryoTimeline> all = IntStream.range(0, EMBRYOS).mapToObj(cohort::timeline).toList();

        // binomial sd at n = 3000 is under 0.9 points; 3 points is over 3 sd
        assertThat(share(all, t -> t.abnormalities().contains(Abnormality.DIRECT_CLEAVAGE))).isCloseTo(0.30, within(0.03));
        assertThat(share(all, t -> t.abnormalities().contains(Abnormality.ARREST))).isCloseTo(0.15, within(0.03));
        assertThat(share(all, t -> t.abnormalities().contains(Abnormality.SLOW_DEVELOPMENT))).isCloseTo(0.25, within(0.03));
        assertThat(share(all, t -> t.pronuclei() == 1)).isCloseTo(0.05, within(0.015));
        assertThat(share(all, t -> t.pronuclei() == 3)).isCloseTo(0.05, within(0.015));
        // a reversal needs a cleavage phase of 3 h or more, which early arrests lack: at most the rate asked for
        assertThat(share(all, t -> t.abnormalities().contains(Abnormality.REVERSE_CLEAVAGE))).isBetween(0.15, 0.23);
        // direct cleavage is what the flag says it is: t3 - t2 under 5 h, and never for the others
        assertThat(all).allSatisfy(t -> {
            double t3MinusT2 = t.onsets().onset(Phase.T3).orElse(Double.NaN) - t.onsets().onset(Phase.T2).orElse(Double.NaN);
            assertThat(t3MinusT2 < 5).isEqualTo(t.abnormalities().contains(Abnormality.DIRECT_CLEAVAGE));
        });
    }

    @Test
    void everyEmbryoHasASeedOfItsOwnAndTheSameRunSeedGivesTheSameTimelines() {
        TimelineSampler sampler = new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.literature());
        SyntheticCohort a = SyntheticCohort.sampled(sampler, 1, 500);
        SyntheticCohort b = SyntheticCohort.sampled(sampler, 1, 500);
        SyntheticCohort c = SyntheticCohort.sampled(sampler, 2, 500);

        assertThat(IntStream.range(0, 500).mapToLong(i -> a.timeline(i).seed()).distinct().count()).isEqualTo(500);
        assertThat(IntStream.range(0, 500).mapToObj(i -> a.timeline(i).toString()))
                .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> b.timeline(i).toString()).toList());
        assertThat(IntStream.range(0, 500).mapToLong(i -> c.timeline(i).seed()).boxed().toList())
                .doesNotContainAnyElementsOf(IntStream.range(0, 500).mapToLong(i -> a.timeline(i).seed()).boxed().toList());
    }

    @Test
    void replayedCohortsCycleThroughTheRealAnnotations() throws URISyntaxException {
        Path folder = Path.of(getClass().getResource("/synthetic").toURI());
        List<Path> files = RealTimelines.phaseFiles(folder);
        SyntheticCohort cohort = SyntheticCohort.replayed(files, 4, files.size() + 2);

        for (int i = 0; i < cohort.size(); i++) {
            assertThat(cohort.timeline(i).onsets().asMap()).isEqualTo(RealTimelines.onsets(files.get(i % files.size())).asMap());
        }
        assertThat(cohort.timeline(0).seed()).isNotEqualTo(cohort.timeline(files.size()).seed());
    }

    private static double share(List<EmbryoTimeline> all, java.util.function.Predicate<EmbryoTimeline> p) {
        return all.stream().filter(p).count() / (double) all.size();
    }
}
