package io.embryostream.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelMetadataTest {

    private static final Path MODEL = Path.of("src/test/resources/parity-model");
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void readsTheExportedModel() {
        ModelMetadata m = ModelMetadata.read(MODEL);
        assertThat(m.scheme()).isEqualTo("pronuclear-3");
        assertThat(m.classNames()).containsExactly("pre-PB2", "PB2", "PN");
        assertThat(m.inputSize()).isEqualTo(64);
        assertThat(m.blockFactor()).isEqualTo(4);
        assertThat(m.planes()).containsExactly(0);
        assertThat(m.normalization()).isEqualTo(new ModelMetadata.Normalization(0.4321f, 0.1234f));
        assertThat(m.embeddingSize()).isEqualTo(16);
        assertThat(m.window()).isEqualTo(new ModelMetadata.Window(2.0, 8, 0.25));
        assertThat(m.temporalHeadKinds()).containsExactly("lstm", "transformer");
        assertThat(m.defaultHead()).isEqualTo("lstm");
        assertThat(m.lstmStateSize()).isEqualTo(128);
        assertThat(m.encoder().file()).isRegularFile();
        assertThat(m.encoder().input("frames").shape()).containsExactly("N", "1", "64", "64");
        assertThat(m.provenance().sourceVersion()).isEqualTo("toy-1");
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ObjectNode) j.get("window")).remove("timePoints"))))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.json")
                .hasMessageContaining("'window.timePoints' is missing")
                .hasMessageContaining("re-export the model with trainer-export");
    }

    @Test
    void duplicateClassesAreRefused() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ArrayNode) j.get("classes")).set(1, "PN"))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("distinct names");
    }

    @Test
    void sizeMustDivideTheCanonicalFrame() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ObjectNode) j.get("input")).put("size", 100))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("input.size 100 must divide");
    }

    @Test
    void classCountMustMatchTheGraphs() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ArrayNode) j.get("classes")).add("extra"))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("does not match the 4 classes");
    }

    @Test
    void aHeadsCalibrationIsRead() throws IOException {
        ModelMetadata calibrated = ModelMetadata.read(edited(j -> ((ObjectNode) j.at("/temporal/heads/lstm"))
                .putObject("calibration").put("method", "temperature").put("temperature", 1.5)));
        assertThat(calibrated.calibration(ModelMetadata.LSTM).temperature()).isEqualTo(1.5);
        assertThat(calibrated.calibration(ModelMetadata.TRANSFORMER)).isSameAs(TemperatureScaling.NONE);
    }

    @Test
    void anUnknownCalibrationMethodIsRefused() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ObjectNode) j.at("/temporal/heads/lstm"))
                .putObject("calibration").put("method", "platt").put("temperature", 1.5))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("method 'platt' is not known");
    }

    @Test
    void aCalibrationTemperatureThatIsNotPositiveIsRefused() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ObjectNode) j.at("/temporal/heads/lstm"))
                .putObject("calibration").put("method", "temperature").put("temperature", 0))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("temperature must be > 0");
    }

    @Test
    void foreignFormatIsRefused() throws IOException {
        assertThatThrownBy(() -> ModelMetadata.read(edited(j -> ((ObjectNode) j).put("format", "other/2"))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("format is 'other/2'");
    }

    @Test
    void missingGraphFileIsNamed() throws IOException {
        Path folder = edited(j -> { });
        Files.delete(folder.resolve("encoder.onnx"));
        assertThatThrownBy(() -> ModelMetadata.read(folder))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("encoder.onnx does not exist");
    }

    @Test
    void unreadableJsonSaysWhatToPointAt() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.json"), "{ not json");
        assertThatThrownBy(() -> ModelMetadata.read(file))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("cannot read model.json");
    }

    /** A copy of the test model whose model.json was changed by {@code edit}. */
    private Path edited(Consumer<com.fasterxml.jackson.databind.JsonNode> edit) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("model"));
        try (Stream<Path> files = Files.list(MODEL)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        var json = mapper.readTree(MODEL.resolve("model.json").toFile());
        edit.accept(json);
        mapper.writeValue(folder.resolve("model.json").toFile(), json);
        return folder;
    }

    @Test
    void shippedModelsAreValid() throws IOException {
        Path shipped = Path.of("../models");
        if (!Files.isDirectory(shipped)) {
            return;
        }
        try (Stream<Path> list = Files.list(shipped)) {
            for (Path folder : list.filter(p -> Files.isRegularFile(p.resolve("model.json"))).toList()) {
                ModelMetadata m = ModelMetadata.read(folder);
                assertThat(List.of("pronuclear-3", "gomez-16")).contains(m.scheme());
                assertThat(folder.getFileName().toString()).isEqualTo(m.scheme());
            }
        }
    }
}
