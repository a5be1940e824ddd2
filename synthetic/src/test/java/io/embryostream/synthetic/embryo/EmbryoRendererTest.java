package io.embryostream.synthetic.embryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbryoRendererTest {

    private static final TimelineSampler SAMPLER = new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.literature());
    private final EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());

    @Test
    void versionIsNamed() {
        assertThat(EmbryoRenderer.RENDERER_VERSION).matches("synthetic-incubator/\\d+");
    }

    @Test
    void sameInputsSameBytesOtherwiseDifferent() {
        EmbryoTimeline a = SAMPLER.sample(11);
        FrameGeometry g = FrameGeometry.canonical();
        byte[] frame = renderer.render(a, 40, 0, g);
        // a fresh renderer and a timeline drawn again from the same seed give the very same bytes
        assertThat(new EmbryoRenderer(RenderOptions.defaults()).render(SAMPLER.sample(11), 40, 0, g)).isEqualTo(frame);
        assertThat(renderer.render(SAMPLER.sample(12), 40, 0, g)).isNotEqualTo(frame);
        assertThat(renderer.render(a, 40, 15, g)).isNotEqualTo(frame);
        assertThat(renderer.render(a, 40.25, 0, g)).isNotEqualTo(frame);
    }

    @Test
    void truthSwitchesExactlyAtEachOnsetUnderBothSchemes() {
        for (long seed = 0; seed < 50; seed++) {
            EmbryoTimeline t = SAMPLER.sample(seed);
            for (Map.Entry<Phase, Double> e : t.onsets().asMap().entrySet()) {
                double onset = e.getValue();
                assertThat(EmbryoRenderer.truth(t, onset).gomez16()).contains(e.getKey().label());
                assertThat(EmbryoRenderer.truth(t, Math.nextDown(onset)).gomez16()).isNotEqualTo(java.util.Optional.of(e.getKey().label()));
                for (double h : new double[] {Math.nextDown(onset), onset}) {
                    assertThat(EmbryoRenderer.truth(t, h).pronuclear3()).isEqualTo(t.onsets().label(StagingScheme.PRONUCLEAR_3, h));
                }
            }
            double tpna = t.onsets().onset(Phase.TPNA).orElse(Double.NaN);
            if (!Double.isNaN(tpna)) {
                assertThat(EmbryoRenderer.truth(t, tpna).pronuclear3()).contains("PN");
            }
        }
    }

    @Test
    void truthCarriesCountAndReversal() {
        EmbryoTimeline t = EmbryoTimeline.builder(3, RealTimelines.onsets(fixture("AA83-7_phases.csv")))
                .reversal(50, 52).build(); // inside t4 (44.5 … 48 h is t4 to t5: 178 → 192 frames)
        FrameTruth during = EmbryoRenderer.truth(t, 51);
        assertThat(during.reversal()).isTrue();
        assertThat(during.cellCount()).isEqualTo(EmbryoRenderer.truth(t, 49).cellCount() - 1);
        assertThat(EmbryoRenderer.truth(t, 52).reversal()).isFalse();
        assertThat(EmbryoRenderer.truth(t, 1).gomez16()).isEmpty();
        assertThat(EmbryoRenderer.truth(t, 1).pronuclear3()).contains("pre-PB2");
    }

    @Test
    void reversalOutsideOneCleavagePhaseIsRefused() {
        assertThatThrownBy(() -> EmbryoTimeline.builder(3, RealTimelines.onsets(fixture("AA83-7_phases.csv"))).reversal(20, 30).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one cleavage phase");
    }

    @Test
    void embryoSitsAtTheCanonicalCentre() {
        FrameGeometry g = FrameGeometry.canonical();
        double[] c = darknessCentroid(renderer.render(SAMPLER.sample(4), 60, 0, g), g.width(), g.height());
        assertThat(c[0]).isCloseTo(CanonicalFrame.SIZE / 2.0, within(0.1 * CanonicalFrame.ZONA_RADIUS_PX));
        assertThat(c[1]).isCloseTo(CanonicalFrame.SIZE / 2.0, within(0.1 * CanonicalFrame.ZONA_RADIUS_PX));
    }

    @Test
    void embryoSitsWhereTheExportGeometryPutsIt() {
        // MIRI: 1280×720, embryo around x 410–870, y 200–520. The vignette darkens the frame unevenly, so compare
        // with the same frame whose embryo lies far outside it: where they differ is this embryo.
        EmbryoRenderer clean = new EmbryoRenderer(new RenderOptions(false, 0, 0, 0));
        EmbryoTimeline t = SAMPLER.sample(9);
        byte[] here = clean.render(t, 30, 0, FrameGeometry.of(1280, 720, 560, 380, 140));
        byte[] none = clean.render(t, 30, 0, FrameGeometry.of(1280, 720, -5000, -5000, 140));
        assertThat(here).hasSize(1280 * 720);
        double sx = 0, sy = 0, sw = 0;
        for (int i = 0; i < here.length; i++) {
            double weight = Math.abs((none[i] & 0xFF) - (here[i] & 0xFF));
            sx += weight * (i % 1280);
            sy += weight * (i / 1280);
            sw += weight;
        }
        assertThat(sx / sw).isCloseTo(560, within(14.0));
        assertThat(sy / sw).isCloseTo(380, within(14.0));
    }

    @Test
    void focusMattersFarPlanesAreSmoother() {
        EmbryoTimeline t = SAMPLER.sample(21);
        FrameGeometry g = FrameGeometry.canonical();
        RenderOptions noiseless = new RenderOptions(false, 0, 0, 0);
        EmbryoRenderer clean = new EmbryoRenderer(noiseless);
        assertThat(sharpness(clean.render(t, 45, 0, g), g.width()))
                .isGreaterThan(1.5 * sharpness(clean.render(t, 45, 45, g), g.width()));
    }

    @Test
    void burnedInTextChangesOnlyTheBottomCorners() {
        EmbryoTimeline t = SAMPLER.sample(2);
        FrameGeometry g = FrameGeometry.of(500, 500, 250, 250, 160);
        byte[] plain = renderer.render(t, 33.3, 0, g);
        byte[] text = new EmbryoRenderer(RenderOptions.defaults().withBurnedInText(7)).render(t, 33.3, 0, g);
        int changedAbove = 0, changedBelow = 0;
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] != text[i]) {
                if (i / g.width() < 460) {
                    changedAbove++;
                } else {
                    changedBelow++;
                }
            }
        }
        assertThat(changedAbove).isZero();
        assertThat(changedBelow).isGreaterThan(100);
    }

    @Test
    void badHoursAreRefused() {
        assertThatThrownBy(() -> renderer.render(SAMPLER.sample(1), -1, 0, FrameGeometry.canonical()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Centre of mass of how much darker than the frame's median each pixel is. */
    private static double[] darknessCentroid(byte[] frame, int w, int h) {
        int[] hist = new int[256];
        for (byte b : frame) {
            hist[b & 0xFF]++;
        }
        int median = 0;
        for (int acc = 0; acc < frame.length / 2; median++) {
            acc += hist[median];
        }
        double sx = 0, sy = 0, sw = 0;
        for (int i = 0; i < frame.length; i++) {
            double weight = Math.max(0, median - 15 - (frame[i] & 0xFF));
            sx += weight * (i % w);
            sy += weight * (i / w);
            sw += weight;
        }
        return new double[] {sx / sw, sy / sw};
    }

    /** Mean absolute horizontal gradient. */
    private static double sharpness(byte[] frame, int w) {
        double sum = 0;
        for (int i = 1; i < frame.length; i++) {
            if (i % w != 0) {
                sum += Math.abs((frame[i] & 0xFF) - (frame[i - 1] & 0xFF));
            }
        }
        return sum / frame.length;
    }

    private static java.nio.file.Path fixture(String name) {
        try {
            return RealTimelinesTest.fixtures().resolve(name);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
