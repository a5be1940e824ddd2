package io.embryostream.view.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embryostream.config.ConfigException;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.view.timeline.EmbryoTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue's threshold from the shipped models' curves, measured through the classifier
 * (models/&lt;m&gt;/evaluation-stream/stream-evaluation.json): chosen for a target, refused when out of reach.
 */
class ReviewCurvesTest {

    private static final Path MODELS = Path.of("../models");

    @Test
    void eachShippedVersionHasACurveAndTheThresholdIsTheLowestReachingTheTarget() {
        Map<String, ReviewCurves.Curve> curves = ReviewCurves.read(MODELS, 2);
        ReviewCurves.Curve gomez = curves.get(ReviewCurves.key("gomez-16-small-cnn", "0.1.0"));
        assertThat(gomez).isNotNull();
        assertThat(gomez.head()).isEqualTo("lstm");
        assertThat(gomez.lagHours()).isEqualTo(2.0);
        ReviewCurves.Choice choice = ReviewCurves.choose(gomez, 0.95);
        // every lower threshold of the curve falls short of 0.95, this one reaches it
        assertThat(choice.point().accuracy()).isGreaterThanOrEqualTo(0.95);
        gomez.points().stream().filter(p -> p.threshold() < choice.point().threshold() && p.accuracy() != null)
                .forEach(p -> assertThat(p.accuracy()).as("threshold %s", p.threshold()).isLessThan(0.95));
        assertThat(choice.describe()).contains("gomez-16-small-cnn 0.1.0", "auto-accepted", "measured");
        assertThat(ReviewCurves.choose(gomez, 0.5).point().threshold()).isLessThan(choice.point().threshold());
        assertThat(curves.get(ReviewCurves.key("pronuclear-3-small-cnn", "0.1.0"))).isNotNull();
    }

    @Test
    void aTargetNoPointReachesIsRefusedNamingTheBestTheCurveOffers() {
        ReviewCurves.Curve curve = new ReviewCurves.Curve("m", "1.0.0", "lstm", 2, 1, 10, java.util.List.of(
                new ReviewCurves.Point(0.0, 10, 1.0, 0.6), new ReviewCurves.Point(0.5, 5, 0.5, 0.8),
                new ReviewCurves.Point(0.9, 0, 0.0, null)));
        assertThatThrownBy(() -> ReviewCurves.choose(curve, 0.95)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not reachable by model m 1.0.0")
                .hasMessageContaining("0.800 at confidence >= 0.50 (50.0 % auto-accepted)");
    }

    @Test
    void aCurveMeasuredUnderAnotherCalibrationIsNotTheVersionsCurve(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("pronuclear-3");
        Files.createDirectories(copy.resolve("evaluation-stream"));
        Files.copy(MODELS.resolve("pronuclear-3/evaluation-stream/stream-evaluation.json"),
                copy.resolve("evaluation-stream/stream-evaluation.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode model = (ObjectNode) json.readTree(MODELS.resolve("pronuclear-3/model.json").toFile());
        ((ObjectNode) model.at("/temporal/heads/transformer/calibration")).put("temperature", 1.5);
        Files.writeString(copy.resolve("model.json"), model.toString());
        assertThat(ReviewCurves.read(copy, 2)).containsEntry(ReviewCurves.key("pronuclear-3-small-cnn", "0.1.0"), null);
    }

    @Test
    void thePolicyReviewsATransitionBelowItsVersionsThresholdAndOtherVersionsBelowTheDefault() {
        ReviewPolicy policy = new ReviewPolicy(0.6, Map.of(ReviewCurves.key("m", "2.0.0"), 0.8));
        EmbryoTimeline onCurve = timeline("a", "2.0.0", 0.7f);
        EmbryoTimeline other = timeline("b", "1.0.0", 0.7f);
        assertThat(policy.transitionThreshold(onCurve)).isEqualTo(0.8);
        assertThat(policy.reasons(onCurve)).anySatisfy(r -> assertThat(r).contains("t2 at 25.0 h unreviewed"));
        assertThat(policy.transitionThreshold(other)).isEqualTo(0.6);
        assertThat(policy.reasons(other)).noneSatisfy(r -> assertThat(r).contains("unreviewed"));
    }

    private static EmbryoTimeline timeline(String id, String version, float confidence) {
        EmbryoTimeline t = new EmbryoTimeline(id);
        t.apply(TransitionEvent.newBuilder().setTransitionId(id + "-t2").setEmbryoId(id).setDisplayLabel(id)
                .setScheme("gomez-16").setStageIndex(3).setStageName("t2").setPreviousStageName(null)
                .setOnsetTimePoint(75).setOnsetHours(25.0).setConfirmedAtTimePoint(81).setConfidence(confidence)
                .setModelId("m").setModelVersion(version).setEmitTime(Instant.ofEpochMilli(1)).build(), 2.0);
        return t;
    }
}
