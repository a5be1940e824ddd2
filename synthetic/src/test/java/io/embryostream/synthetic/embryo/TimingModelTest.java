package io.embryostream.synthetic.embryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.staging.Phase;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingModelTest {

    @Test
    void bundledModelCoversEveryPhaseFromTheRealData() {
        TimingModel m = TimingModel.bundled();
        assertThat(m.embryos()).isEqualTo(524);
        assertThat(m.intervals()).hasSize(Phase.values().length);
        // t2 − tPNf and tPNf − tPNa medians match the real median onsets (frames 89, 98: 2.25 h)
        assertThat(m.intervalTo(Phase.T2).medianHours()).isEqualTo(2.25);
        assertThat(m.intervalTo(Phase.THB).source()).isEqualTo("prior");
        assertThat(m.skipProbability(Phase.T3)).isBetween(0.2, 0.3);
    }

    @Test
    void fitOfFixturesRoundTripsThroughJson(@TempDir Path dir) throws Exception {
        TimingModel fitted = TimingModelFitter.fit(RealTimelinesTest.fixtures());
        assertThat(fitted.embryos()).isEqualTo(5);
        // too few durations everywhere: every interval falls back to the prior, correlations are all unknown
        assertThat(fitted.intervals()).allMatch(i -> i.source().equals("prior"));
        Path file = dir.resolve("m.json");
        fitted.write(file);
        TimingModel read = TimingModel.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertThat(read.intervals()).isEqualTo(fitted.intervals());
        assertThat(read.logDurationCorrelation()).isDeepEqualTo(fitted.logDurationCorrelation());
        // four fixtures have t2 and t3; KF460-3's t3 − t2 is 7 frames (1.75 h): 1 of 4 is direct cleavage
        assertThat(read.directCleavageFraction()).isCloseTo(0.25, within(1e-3));
    }

    @Test
    void bundledCorrelationIsPositiveDefinite() {
        assertThat(TimingModel.cholesky(TimingModel.bundled().logDurationCorrelation())).isNotNull();
        assertThat(TimingModel.cholesky(new double[][] {{1, 1.2}, {1.2, 1}})).isNull();
    }
}
