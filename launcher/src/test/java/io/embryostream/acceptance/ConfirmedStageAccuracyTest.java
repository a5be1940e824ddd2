package io.embryostream.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.decode.DecoderState;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.config.Settings;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.model.ModelMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #6, "done when": from the synthetic incubator through the classifier on the embedded broker to stage
 * events, the confirmed stages score within 2 points of the model card. The embryos are the 30 of the card's
 * other-seed evaluation (seed 909, a frame every 20 min), rendered by the same renderer at the same hours, so
 * the check compares the Java side (canonical pixels on the wire, block average, ONNX Runtime, online decoding with the
 * shipped defaults) with the Python evaluation (offline monotone Viterbi within the labelled span) on the same
 * frames. Lives in the launcher, the module that depends on both ingest and classifier. Each embryo publishes
 * its labelled span plus the confirmation lag, so every scored time point is confirmed by later frames as it
 * would be live, and ENDED right after its last frame, as an export ingest sends it (ENDED travels on its own
 * topic and is often read before those frames: the classifier must still classify every one of them).
 */
class ConfirmedStageAccuracyTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedStageAccuracyTest.class);
    /** The pronuclear-3 span is ~72 frames per embryo; gomez-16 spans the whole culture, too slow for a build. */
    private static final String MODEL = "models/pronuclear-3";
    private static final double INTERVAL_MINUTES = 20;
    private static final double TOLERANCE = 0.02;
    private static final Duration DEADLINE = Duration.ofSeconds(110);

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0} head")
    @ValueSource(strings = {"lstm", "transformer"})
    void confirmedStagesOfTheCardsOtherSeedEmbryosScoreWithinTwoPointsOfTheCard(String head) throws Exception {
        long t0 = System.nanoTime();
        Path model = repoRoot().resolve(MODEL);
        CardEvaluation card = CardEvaluation.otherSeed(model, head);
        assertThat(card.sourceVersion()).as("the card was measured on another renderer's frames: re-evaluate the model")
                .isEqualTo(EmbryoRenderer.RENDERER_VERSION);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Ids of this run's own: a new classifier application reads the shared frames topic from its start.
        OtherSeedCohort cohort = new OtherSeedCohort(card.seed(), card.embryos(), INTERVAL_MINUTES,
                IncubatorConfig.SYNTHETIC_SECRET + "/" + run);
        assertThat(cohort.labelledFrames()).as("labelled frames here and scored by the card: not the same embryos"
                + " or not the same span rule").isEqualTo(card.frames());

        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        ClassifierConfig config = new ClassifierConfig(Settings.resolve(ClassifierConfig.defaults(), null, Map.of(),
                Map.of("kafka.bootstrap.servers", bootstrap, "model.dir", model.toString(), "model.head", head,
                        "classifier.state.dir", stateDir.toString(), "classifier.replication.factor", "1",
                        "classifier.application.id", "accuracy-" + run, "metrics.port", "0")));
        int lag = cohort.timePointsSpanning(config.settings().getDouble("decode.confirm.lag.hours"));
        Map<String, Integer> lastPublished = new HashMap<>();
        cohort.embryos().forEach(e -> lastPublished.put(e.id(),
                Math.min(e.labels().lastKey() + lag, cohort.lastTimePoint())));
        int expected = lastPublished.values().stream().mapToInt(Integer::intValue).sum();

        Map<String, CohortStream.Received> received = new HashMap<>();
        cohort.embryos().forEach(e -> received.put(e.id(), new CohortStream.Received()));
        long[] published = new long[1];
        int stages = CohortStream.classify(config, bootstrap, "accuracy-reader-" + run, () -> published[0] =
                CohortStream.publish(cohort, ModelMetadata.read(model).planes(), lastPublished, bootstrap), received,
                expected, t0 + DEADLINE.toNanos());
        assertThat(stages).as("stage events within %s", DEADLINE).isEqualTo(expected);

        StageAccuracy confirmed = new StageAccuracy();
        StageAccuracy provisional = new StageAccuracy();
        StageAccuracy raw = new StageAccuracy();
        StageAccuracy offline = new StageAccuracy();
        for (OtherSeedCohort.Embryo e : cohort.embryos()) {
            CohortStream.Received r = received.get(e.id());
            assertThat(r.provisional.keySet()).as("one stage event per published time point of %s", e.id())
                    .hasSize(lastPublished.get(e.id()));
            confirmed.add(e.labels(), r.confirmed::at);
            provisional.add(e.labels(), r.provisional::get);
            raw.add(e.labels(), timePoint -> card.classes().get(CohortStream.argmax(r.probabilities.get(timePoint))));
            offline.add(e.labels(), decodedOffline(e, r.probabilities, cohort, card.classes())::at);
        }
        String figures = String.format(Locale.ROOT, "%s on the card's %d embryos (seed %d), %d labelled"
                        + " frames: confirmed-stage accuracy %.4f (%d frames before any confirmation), card %s decoded"
                        + " offline %.4f; provisional %.4f; raw argmax %.4f, card %.4f; these probabilities decoded"
                        + " offline as the card's evaluation does %.4f; %d frames published, %.1f s",
                MODEL, card.embryos(), card.seed(), confirmed.frames(), confirmed.accuracy(), confirmed.missing(),
                card.temporalHead(), card.decodedAccuracy(), provisional.accuracy(), raw.accuracy(),
                card.rawAccuracy(), offline.accuracy(), published[0], (System.nanoTime() - t0) / 1e9);
        LOG.info(figures);
        assertThat(Math.abs(confirmed.accuracy() - card.decodedAccuracy())).as(figures)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * The pipeline's probabilities of one embryo's labelled span decoded as the card's evaluation decodes
     * ({@code decode_within_span}: monotone Viterbi over the whole span, no cost per switch): the classifier's own
     * decoder without switch penalty or lag. Apart from the confirmed figure it says whether a gap to the card lies
     * in the model's probabilities or in the online decoder's settings.
     */
    private static ConfirmedStages decodedOffline(OtherSeedCohort.Embryo e, Map<Integer, List<Float>> probabilities,
                                                  OtherSeedCohort cohort, List<String> classes) {
        StageDecoder offline = new StageDecoder(0, Double.POSITIVE_INFINITY);
        DecoderState state = DecoderState.initial(classes.size());
        ConfirmedStages stages = new ConfirmedStages();
        for (int timePoint : e.labels().keySet()) {
            List<Float> p = probabilities.get(timePoint);
            float[] row = new float[p.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = p.get(k);
            }
            offline.step(state, timePoint, cohort.hoursAt(timePoint), row);
        }
        offline.flush(state).forEach(c -> stages.confirm(c.onsetTimePoint(), classes.get(c.stage())));
        return stages;
    }

    private static Path repoRoot() {
        Path root = Path.of(System.getProperty("embryo.repo.root", "..")).toAbsolutePath().normalize();
        assertThat(root.resolve(MODEL).resolve("model.json")).as("run through Maven from the checkout").exists();
        return root;
    }
}
