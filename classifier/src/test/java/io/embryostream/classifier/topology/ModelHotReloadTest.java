package io.embryostream.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new model version is picked up without restart; embryos already running stay on theirs. */
class ModelHotReloadTest {

    @TempDir
    Path dir;

    private static void copyModel(Path to, String version) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(TestModels.parityModel())) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        Path json = to.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"version\": \"[^\"]+\"",
                "\"version\": \"" + version + "\""));
    }

    @Test
    void newEmbryosTakeTheNewVersionAndRunningOnesKeepTheirs() throws IOException {
        Path versions = dir.resolve("models");
        copyModel(versions.resolve("v1"), "1.0.0");
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", "dummy:9092", "model.dir", versions.toString(),
                "classifier.state.dir", dir.resolve("state").toString(), "inference.threads", "1"));
        ClassifierConfig config = new ClassifierConfig(s);
        Instant start = Instant.parse("2026-01-15T10:00:00Z");
        try (ModelRegistry models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
             TopologyTestDriver driver = new TopologyTestDriver(ClassifierTopology.build(config.topologySettings(), models,
                     new ClassifierMetrics(new SimpleMeterRegistry())), config.streamsProperties(), start)) {
            TestInputTopic<String, byte[]> frames = driver.createInputTopic(Topics.FRAMES.name(),
                    new StringSerializer(), new ByteArraySerializer());
            var stages = driver.createOutputTopic(Topics.STAGES.name(), new StringDeserializer(),
                    Topics.STAGES.valueSerde().deserializer());
            byte[] png = CanonicalPng.encode(new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE]);
            for (int tp = 1; tp <= 3; tp++) {
                frames.pipeInput("old", frame("old", tp, png));
            }
            drain(driver);

            copyModel(versions.resolve("v2"), "1.1.0");
            assertThat(models.refresh()).isTrue();
            for (int tp = 4; tp <= 6; tp++) {
                frames.pipeInput("old", frame("old", tp, png));
                frames.pipeInput("new", frame("new", tp, png));
            }
            drain(driver);

            List<StageEvent> out = stages.readValuesToList();
            assertThat(out.stream().filter(e -> e.getEmbryoId().equals("old")).map(StageEvent::getModelVersion))
                    .hasSize(6).containsOnly("1.0.0");
            assertThat(out.stream().filter(e -> e.getEmbryoId().equals("new")).map(StageEvent::getModelVersion))
                    .hasSize(3).containsOnly("1.1.0");
        }
    }

    /** Each punctuation emits one time point per embryo: give it enough of them. */
    private static void drain(TopologyTestDriver driver) {
        for (int i = 0; i < 10; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(50));
        }
    }

    private static byte[] frame(String embryo, int tp, byte[] png) {
        FrameEvent e = SampleEvents.frame(embryo, tp, 0);
        e.setImage(Image.newBuilder().setData(ByteBuffer.wrap(png)).setEncoding(ImageEncoding.PNG).setWidth(256)
                .setHeight(256).build());
        return Topics.FRAMES.codec().encode(e);
    }
}
