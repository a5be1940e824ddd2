package io.embryostream.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.view.query.ReviewCurves;
import io.embryostream.view.query.ReviewPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** view.review.target.accuracy: thresholds from the shipped curves, today's behaviour without, refusal out of reach. */
class ReviewTargetTest {

    private static ViewConfig config(Map<String, String> options) {
        return new ViewConfig(Settings.resolve(ViewConfig.defaults(), null, Map.of(), options));
    }

    @Test
    void withoutATargetEveryVersionKeepsTheMinimumProbability() {
        ReviewPolicy policy = ViewApp.reviewPolicy(config(Map.of()));
        assertThat(policy.minProbability()).isEqualTo(0.6);
        assertThat(policy.transitionThresholds()).isEmpty();
    }

    @Test
    void aTargetTakesEachShippedVersionsThresholdFromItsCurve() {
        ReviewPolicy policy = ViewApp.reviewPolicy(config(Map.of("view.review.target.accuracy", "0.95",
                "view.model.dir", "../models")));
        assertThat(policy.transitionThresholds()).containsOnlyKeys(ReviewCurves.key("gomez-16-small-cnn", "0.1.0"),
                ReviewCurves.key("pronuclear-3-small-cnn", "0.1.0"));
        ReviewCurves.Curve gomez = ReviewCurves.read(Path.of("../models/gomez-16"), 2)
                .get(ReviewCurves.key("gomez-16-small-cnn", "0.1.0"));
        assertThat(policy.transitionThresholds().get(ReviewCurves.key("gomez-16-small-cnn", "0.1.0")))
                .isEqualTo(ReviewCurves.choose(gomez, 0.95).point().threshold());
    }

    @Test
    void anUnreachableTargetRefusesToStartNamingTheBestOnOffer(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("gomez-16");
        Files.createDirectories(model.resolve("evaluation-stream"));
        Files.copy(Path.of("../models/gomez-16/model.json"), model.resolve("model.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(Path.of("../models/gomez-16/evaluation-stream/stream-evaluation.json")
                .toFile());
        // the same curve, every accuracy capped at 0.9
        doc.get("runs").forEach(run -> run.path("reviewCurve").path("points").forEach(p -> {
            if (p.path("accuracy").isNumber()) {
                ((ObjectNode) p).put("accuracy", Math.min(0.9, p.path("accuracy").asDouble()));
            }
        }));
        Files.writeString(model.resolve("evaluation-stream/stream-evaluation.json"), doc.toString());
        assertThatThrownBy(() -> ViewApp.reviewPolicy(config(Map.of("view.review.target.accuracy", "0.95",
                "view.model.dir", dir.toString())))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not reachable by model gomez-16-small-cnn 0.1.0")
                .hasMessageContaining("best is 0.900");
    }

    @Test
    void aTargetWithoutAModelFolderIsRefused() {
        assertThatThrownBy(() -> ViewApp.reviewPolicy(config(Map.of("view.review.target.accuracy", "0.95"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs view.model.dir");
    }
}
