package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.inference.ModelRuntime;
import io.embryostream.frames.CanonicalImages;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model image end to end without Docker: docker/model-image/build-context.sh builds the image's
 * contents from trained model folders (the shipped one, and a second version of it), the image's own
 * command (copy-models.sh, the classifier's init container) copies them into an empty folder as into
 * the pod's volume, and the classifier's model loader opens what arrived: both versions, each with
 * its ONNX sessions encoding a frame. An init container that copies nothing cannot pass.
 */
class ModelImageTest {

    private static final Path SCRIPTS = RepoFiles.root().resolve("docker/model-image");

    @Test
    void theImageCarriesEveryVersionAndTheClassifierOpensThemFromThePodsVolume(@TempDir Path work) throws Exception {
        Path shipped = RepoFiles.root().resolve("models/gomez-16");
        Path next = work.resolve("gomez-16-next");
        copyModel(shipped, next);
        String json = Files.readString(next.resolve("model.json"));
        String version = ModelMetadata.read(shipped).version();
        Files.writeString(next.resolve("model.json"), json.replace("\"version\": \"" + version + "\"",
                "\"version\": \"" + version + "-next\""));
        Files.writeString(next.resolve("weights.pt"), "training leftover");

        Path context = work.resolve("context");
        CommandRun build = CommandRun.of(List.of("bash", SCRIPTS.resolve("build-context.sh").toString(), context.toString(),
                shipped.toString(), next.toString()));
        assertThat(build.exit()).as(build.output()).isZero();
        assertThat(context.resolve("copy-models.sh")).isRegularFile();
        assertThat(listing(context.resolve(version + "-next"))).contains("model.json", "encoder.onnx", "lstm-step.onnx",
                "transformer-window.onnx", "card.json", "card.md").doesNotContain("weights.pt");

        Path volume = Files.createDirectories(work.resolve("pod-models-volume"));
        CommandRun copy = CommandRun.of(List.of("sh", context.resolve("copy-models.sh").toString(), volume.toString()));
        assertThat(copy.exit()).as(copy.output()).isZero();

        try (ModelRegistry registry = new ModelRegistry(volume, InferenceOptions.cpuDefaults())) {
            assertThat(registry.newestVersion()).isEqualTo(version + "-next");
            for (String v : List.of(version, version + "-next")) {
                ModelMetadata m = registry.version(v).orElseThrow();
                try (ModelRuntime runtime = new ModelRuntime(m, InferenceOptions.cpuDefaults())) {
                    byte[][] planes = new byte[m.planes().size()][CanonicalImages.GRAY8_BYTES];
                    float[][] embedding = runtime.encoder().encode(java.util.Collections.singletonList(planes));
                    assertThat(embedding[0]).as("version " + v + " encodes a frame").hasSize(m.embeddingSize());
                }
            }
        }
    }

    @Test
    void anEmptyImageAndAFolderOfAnotherModelAreRefused(@TempDir Path work) throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty-image"));
        Files.copy(SCRIPTS.resolve("copy-models.sh"), empty.resolve("copy-models.sh"));
        CommandRun copy = CommandRun.of(List.of("sh", empty.resolve("copy-models.sh").toString(),
                Files.createDirectories(work.resolve("volume")).toString()));
        assertThat(copy.exit()).isNotZero();
        assertThat(copy.output()).contains("no model version copied");

        CommandRun mixed = CommandRun.of(List.of("bash", SCRIPTS.resolve("build-context.sh").toString(), work.resolve("ctx").toString(),
                RepoFiles.root().resolve("models/gomez-16").toString(),
                RepoFiles.root().resolve("models/pronuclear-3").toString()));
        assertThat(mixed.exit()).isNotZero();
        assertThat(mixed.output()).contains("one image holds the versions of one model");
    }

    @Test
    void theClassifierPodsGetTheirModelsFromTheModelImagesInitContainer() throws IOException {
        String dockerfile = RepoFiles.read("docker/model-image/Dockerfile");
        assertThat(dockerfile).contains("ENTRYPOINT [\"/bin/sh\", \"/models/copy-models.sh\"]")
                .contains("COPY --chown=10001:10001 . /models/");
        for (String overlay : List.of("cpu", "gpu")) {
            var pod = KubernetesManifestsTest.rendered(overlay).stream()
                    .filter(d -> d.path("kind").asText().equals("StatefulSet")
                            && d.path("metadata").path("name").asText().equals("classifier"))
                    .findFirst().orElseThrow().path("spec").path("template").path("spec");
            var init = pod.path("initContainers").get(0);
            assertThat(init.path("image").asText()).as(overlay).startsWith("embryo-stream/models-");
            String volume = init.path("volumeMounts").get(0).path("name").asText();
            String initPath = init.path("volumeMounts").get(0).path("mountPath").asText();
            assertThat(init.path("args").get(0).asText()).as("copies into its mount").isEqualTo(initPath);
            var classifier = pod.path("containers").get(0);
            String modelDir = null;
            for (var e : classifier.path("env")) {
                if (e.path("name").asText().equals("EMBRYO_MODEL_DIR")) {
                    modelDir = e.path("value").asText();
                }
            }
            String mounted = null;
            for (var m : classifier.path("volumeMounts")) {
                if (m.path("name").asText().equals(volume)) {
                    mounted = m.path("mountPath").asText();
                }
            }
            assertThat(mounted).as(overlay + ": the classifier reads the volume the init container fills")
                    .isNotNull().isEqualTo(modelDir);
            for (var v : pod.path("volumes")) {
                if (v.path("name").asText().equals(volume)) {
                    assertThat(v.has("emptyDir")).as("the pod's own volume, filled at each start").isTrue();
                }
            }
        }
    }

    private static void copyModel(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

}
