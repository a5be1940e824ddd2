package io.embryostream.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a model card's evaluation on embryos of another seed ({@code <model>/evaluation-other-seed/
 * evaluation.json}, written by {@code trainer_export.evaluate}) that the streaming pipeline is held to: the
 * decoded accuracy of one temporal head, over how many labelled frames, and which synthetic
 * data it was measured on.
 *
 * @param classes           the model's class names in index order (model.json)
 * @param temporalHead      the head evaluated ({@code lstm}, {@code transformer}), the one the classifier is set to run
 * @param rawAccuracy       per-frame accuracy of that head's argmax
 * @param decodedAccuracy   per-frame accuracy after offline monotone decoding within the labelled span
 * @param frames            labelled frames that accuracy was computed over
 * @param seed              the synthetic-incubator seed of the evaluated embryos
 * @param sourceVersion     the renderer version that drew them
 */
record CardEvaluation(List<String> classes, String temporalHead, double rawAccuracy, double decodedAccuracy,
                      int frames, int embryos, long seed, String sourceVersion) {

    static CardEvaluation otherSeed(Path modelDir, String head) {
        ObjectMapper json = new ObjectMapper();
        Path file = modelDir.resolve("evaluation-other-seed/evaluation.json");
        try {
            JsonNode model = json.readTree(modelDir.resolve("model.json").toFile());
            List<String> classes = new ArrayList<>();
            model.path("classes").forEach(c -> classes.add(c.asText()));
            JsonNode root = json.readTree(file.toFile());
            JsonNode decoded = root.path("evaluation").path(head).path("decoded");
            JsonNode raw = root.path("evaluation").path(head).path("raw");
            if (decoded.isMissingNode() || raw.isMissingNode()) {
                throw new IllegalStateException(file + " has no evaluation." + head + ".raw/.decoded: rerun"
                        + " trainer_export.evaluate for this model (docs/trainer.md)");
            }
            JsonNode data = root.path("data");
            return new CardEvaluation(List.copyOf(classes), head, raw.path("accuracy").asDouble(),
                    decoded.path("accuracy").asDouble(), decoded.path("frames").asInt(),
                    root.path("evaluation").path("embryos").asInt(), data.path("seed").asLong(),
                    data.path("sourceVersion").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model card evaluation " + file, e);
        }
    }
}
