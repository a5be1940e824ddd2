package io.embryostream.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One time point (a PNG per model plane) through Java preprocessing + ONNX Runtime Java agrees with
 * Python preprocessing + PyTorch (parity.json, written at export) within 1e-4: for the small test
 * models (one plane; three planes as channels) and every shipped model under models/. With several
 * planes the frames go in by {@link ModelMetadata#planes()}, so the test also holds Java's channel
 * order to the trainer's.
 */
class ParityTest {

    static Stream<Path> modelsWithFixtures() throws IOException {
        List<Path> folders = new ArrayList<>(List.of(Path.of("src/test/resources/parity-model"),
                Path.of("src/test/resources/parity-model-3planes")));
        Path shipped = Path.of("../models");
        if (Files.isDirectory(shipped)) {
            try (Stream<Path> list = Files.list(shipped)) {
                list.filter(p -> Files.isRegularFile(p.resolve("parity.json"))).sorted().forEach(folders::add);
            }
        }
        return folders.stream();
    }

    @ParameterizedTest
    @MethodSource("modelsWithFixtures")
    void javaPreprocessingAndOnnxRuntimeMatchPyTorch(Path folder) throws IOException {
        ParityCheck.Report report = ParityCheck.run(folder);

        assertThat(report.failures()).as(report.describe()).isEmpty();
        ModelMetadata model = ModelMetadata.read(folder);
        assertThat(report.comparisons()).extracting(ParityCheck.Comparison::what).contains("input sum", "embedding");
        if (model.temporalHead(ModelMetadata.LSTM).isPresent()) {
            assertThat(report.comparisons()).extracting(ParityCheck.Comparison::what).contains("lstm probabilities");
            try (LstmStepModel lstm = new LstmStepModel(model, InferenceOptions.cpuDefaults())) {
                assertThat(lstm.initialState()).hasSize(model.lstmStateSize()).containsOnly(0f);
            }
        }
        byte[][] frames = ParityFixture.read(folder).frames(model);
        if (frames.length > 1) {
            // Planes that looked alike would pass in any channel order: this fixture must not.
            byte[][] reversed = frames.clone();
            Collections.reverse(Arrays.asList(reversed));
            try (FrameEncoder encoder = new FrameEncoder(model, InferenceOptions.cpuDefaults())) {
                assertThat(ParityCheck.compare("reversed", encoder.encode(List.<byte[][]>of(reversed)),
                        new float[][] {ParityFixture.read(folder).vector("embedding")}).maxDifference())
                        .as("embedding with the planes in reverse order").isGreaterThan(10 * ParityCheck.TOLERANCE);
            }
        }
    }

    @Test
    void aModelThatDisagreesWithItsFixtureFails(@TempDir Path dir) throws IOException {
        Path copy = copyOfParityModel(dir);
        Path fixture = copy.resolve("parity.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixture.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("embedding")).set(0, json.get("embedding").get(0).asDouble() + 0.01);
        Files.writeString(fixture, json.toString());

        ParityCheck.Report report = ParityCheck.run(copy);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(ParityCheck.Comparison::what).containsExactly("embedding");
        assertThat(report.describe()).contains("PARITY FAILED", "embedding: max difference 0.0100");
    }

    /** A copy of the one-plane parity model under {@code dir}. */
    private static Path copyOfParityModel(Path dir) throws IOException {
        Path source = Path.of("src/test/resources/parity-model");
        Path copy = dir.resolve("model");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    /**
     * The parity model calibrated at {@code temperature} in model.json, its parity.json holding the trainer's
     * calibrated rows for T 1.7 (parity-model-calibration.json, written by trainer_export.calibration) when
     * {@code withRows}.
     */
    private static Path calibratedParityModel(Path dir, double temperature, boolean withRows) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Path copy = copyOfParityModel(dir);
        com.fasterxml.jackson.databind.node.ObjectNode model = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(copy.resolve("model.json").toFile());
        com.fasterxml.jackson.databind.JsonNode trainer = mapper.readTree(
                Path.of("src/test/resources/parity-model-calibration.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode parity = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(copy.resolve("parity.json").toFile());
        for (String head : List.of(ModelMetadata.LSTM, ModelMetadata.TRANSFORMER)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) model.path("temporal").path("heads").path(head))
                    .putObject("calibration").put("method", "temperature").put("temperature", temperature);
            if (withRows) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) parity.get(head))
                        .set("calibratedProbabilities", trainer.get(head));
            }
        }
        Files.writeString(copy.resolve("model.json"), model.toString());
        Files.writeString(copy.resolve("parity.json"), parity.toString());
        return copy;
    }

    @Test
    void aCalibratedHeadMatchesTheTrainersCalibrationAndAWrongTemperatureOrNoRowsFail(@TempDir Path dir)
            throws IOException {
        ParityCheck.Report matching = ParityCheck.run(calibratedParityModel(dir.resolve("a"), 1.7, true));
        assertThat(matching.failures()).as(matching.describe()).isEmpty();
        assertThat(matching.comparisons()).extracting(ParityCheck.Comparison::what)
                .contains("lstm calibrated probabilities (T 1.7)", "transformer calibrated probabilities (T 1.7)");

        ParityCheck.Report wrong = ParityCheck.run(calibratedParityModel(dir.resolve("b"), 1.8, true));
        assertThat(wrong.failures()).extracting(ParityCheck.Comparison::what)
                .containsExactly("lstm calibrated probabilities (T 1.8)", "transformer calibrated probabilities (T 1.8)");

        ParityCheck.Report missing = ParityCheck.run(calibratedParityModel(dir.resolve("c"), 1.7, false));
        assertThat(missing.describe()).contains("parity.json has none, rerun trainer_export.calibrate");
        assertThat(missing.passed()).isFalse();
    }
}
