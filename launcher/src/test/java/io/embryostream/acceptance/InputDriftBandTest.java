package io.embryostream.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.metrics.InputDrift;
import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.ModelMetadata;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input-drift band of the EmbryoInputDrift alert (ops/prometheus/rules: |running mean − reference mean| /
 * reference std &gt; 1, or running std / reference std outside [2/3, 3/2]) against real frames: the gomez-16 model's
 * encoder fed the card's other-seed embryos (every 2 h over the whole culture, the model's planes) keeps the running
 * figures well inside the band, and the same frames from a camera of another gain or contrast leave it. The figures
 * go to the log (docs/OPERATIONS.md quotes them).
 */
class InputDriftBandTest {

    private static final Logger LOG = LoggerFactory.getLogger(InputDriftBandTest.class);
    private static final int WINDOW = 500;

    /** One camera's running figures: the extremes after the first 100 time points, and the share of them in band. */
    private static final class Camera {
        final String name;
        final IntUnaryOperator transfer;
        final InputDrift drift;
        final List<byte[][]> batch = new ArrayList<>();
        double minZ = Double.MAX_VALUE;
        double maxZ = -Double.MAX_VALUE;
        double minRatio = Double.MAX_VALUE;
        double maxRatio = 0;
        int seen;
        int inBand;

        Camera(String name, ModelMetadata model, IntUnaryOperator transfer) {
            this.name = name;
            this.transfer = transfer;
            this.drift = new ClassifierMetrics(new SimpleMeterRegistry()).inputDrift(model.name(), model.version(),
                    model.normalization().mean(), model.normalization().std(), WINDOW);
        }

        void add(byte[][] planes, FrameEncoder encoder, ModelMetadata model, boolean last) {
            byte[][] out = new byte[planes.length][];
            for (int p = 0; p < planes.length; p++) {
                out[p] = new byte[planes[p].length];
                for (int i = 0; i < out[p].length; i++) {
                    out[p][i] = (byte) transfer.applyAsInt(planes[p][i] & 0xFF);
                }
            }
            batch.add(out);
            if (batch.size() < 64 && !last) {
                return;
            }
            FrameEncoder.InputMoments[] moments = new FrameEncoder.InputMoments[batch.size()];
            encoder.encode(batch, moments);
            batch.clear();
            for (FrameEncoder.InputMoments m : moments) {
                drift.add(m.mean(), m.meanSquare());
                if (++seen <= 100) {
                    continue;
                }
                double z = (drift.mean() - model.normalization().mean()) / model.normalization().std();
                double ratio = drift.std() / model.normalization().std();
                minZ = Math.min(minZ, z);
                maxZ = Math.max(maxZ, z);
                minRatio = Math.min(minRatio, ratio);
                maxRatio = Math.max(maxRatio, ratio);
                if (Math.abs(z) <= 1 && ratio >= 2.0 / 3 && ratio <= 1.5) {
                    inBand++;
                }
            }
        }

        double shareInBand() {
            return (double) inBand / (seen - 100);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: z %.3f..%.3f, spread ratio %.3f..%.3f, %.1f %% of time points in band",
                    name, minZ, maxZ, minRatio, maxRatio, 100 * shareInBand());
        }
    }

    @Test
    void trainingLikeFramesStayInsideTheBandAndAnotherCameraLeavesIt() {
        Path root = Path.of(System.getProperty("embryo.repo.root", "..")).toAbsolutePath().normalize();
        ModelMetadata model = ModelMetadata.read(root.resolve("models/gomez-16"));
        OtherSeedCohort cohort = new OtherSeedCohort(909, 30, 120, IncubatorConfig.SYNTHETIC_SECRET, model.scheme());
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        List<Camera> cameras = List.of(new Camera("training-like", model, v -> v),
                new Camera("gain 0.75", model, v -> (int) Math.round(v * 0.75)),
                new Camera("contrast 0.5", model, v -> (int) Math.round(128 + (v - 128) * 0.5)),
                new Camera("contrast 2", model, v -> Math.max(0, Math.min(255, (int) Math.round(128 + (v - 128) * 2.0)))));
        try (FrameEncoder encoder = new FrameEncoder(model, InferenceOptions.cpuDefaults())) {
            for (int k = 1; k <= cohort.lastTimePoint(); k++) {
                for (int i = 0; i < cohort.embryos().size(); i++) {
                    OtherSeedCohort.Embryo e = cohort.embryos().get(i);
                    byte[][] planes = new byte[model.planes().size()][];
                    for (int p = 0; p < planes.length; p++) {
                        planes[p] = renderer.render(e.embryo().timeline(), cohort.hoursAt(k), model.planes().get(p),
                                FrameGeometry.canonical());
                    }
                    boolean last = k == cohort.lastTimePoint() && i == cohort.embryos().size() - 1;
                    cameras.forEach(c -> c.add(planes, encoder, model, last));
                }
            }
        }
        LOG.info("input drift, {} time points of the other-seed embryos every 2 h (window {}): {}", cameras.get(0).seen,
                WINDOW, cameras);

        Camera same = cameras.get(0);
        assertThat(same.shareInBand()).as("%s", same).isEqualTo(1.0);
        assertThat(Math.max(-same.minZ, same.maxZ)).as("well inside: %s", same).isLessThan(0.5);
        assertThat(same.minRatio).as("well inside: %s", same).isGreaterThan(0.8);
        assertThat(same.maxRatio).as("well inside: %s", same).isLessThan(1.25);
        for (Camera other : cameras.subList(1, cameras.size())) {
            assertThat(other.shareInBand()).as("%s", other).isZero();
        }
    }
}
