package io.embryostream.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier as it runs, on the embedded broker, exactly-once, with its metrics endpoint. */
class ClassifierAppIntegrationTest {

    @TempDir
    Path stateDir;

    @Test
    void framesBecomeExactlyOneCommittedStageEventPerTimePointOnTheFallbackProvider() throws Exception {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> embryos = List.of("it-" + run + "-a", "it-" + run + "-b", "it-" + run + "-c");
        int timePoints = 15;
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        java.util.Arrays.fill(px, (byte) 120);
        byte[] png = CanonicalPng.encode(px);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int tp = 1; tp <= timePoints; tp++) {
                for (String e : embryos) {
                    FrameEvent f = SampleEvents.frame(e, tp, 0);
                    f.setImage(Image.newBuilder().setData(ByteBuffer.wrap(png)).setEncoding(ImageEncoding.PNG)
                            .setWidth(256).setHeight(256).build());
                    p.send(new ProducerRecord<>(Topics.FRAMES.name(), e, Topics.FRAMES.codec().encode(f)));
                }
            }
        }
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", bootstrap, "model.dir", TestModels.parityModel().toString(),
                "classifier.state.dir", stateDir.toString(), "classifier.replication.factor", "1",
                "classifier.application.id", "classifier-it-" + run, "metrics.port", "0",
                "inference.threads", "1", "inference.provider", "CUDA"));
        List<StageEvent> mine = new ArrayList<>();
        try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(s));
             KafkaConsumer<String, StageEvent> c = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + run,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), Topics.STAGES.valueSerde())) {
            c.subscribe(List.of(Topics.STAGES.name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (mine.size() < embryos.size() * timePoints && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (embryos.contains(r.key())) {
                        mine.add(r.value());
                    }
                });
            }
            c.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (embryos.contains(r.key())) {
                    mine.add(r.value());
                }
            });
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("embryo_stage_events_total").contains("embryo_dead_letters_total{reason=\"LATE\"}")
                    .contains("embryo_inference_batch_size").contains("kafka_stream")
                    .as("CUDA was asked for; this build has the CPU jar, so it fell back and says so")
                    .contains("embryo_model_info{model=\"parity-test\",provider=\"CPU\",version=\"0.0.1\"} 1");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + app.metricsPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
        for (String e : embryos) {
            assertThat(mine.stream().filter(x -> x.getEmbryoId().equals(e)).map(StageEvent::getTimePoint))
                    .as(e).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, timePoints).boxed()
                            .toList());
        }
    }
}
