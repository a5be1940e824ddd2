package io.embryostream.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once for real: the classifier runs as a separate JVM and is killed with SIGKILL several
 * times while it replays a backlog; a read_committed reader must then find exactly one StageEvent
 * per time point and no transition twice.
 */
class ExactlyOnceUnderKillTest {

    private static final int EMBRYOS = 30;
    private static final int TIME_POINTS = 40;

    @TempDir
    Path dir;

    @Test
    void killedRepeatedlyTheClassifierStillEmitsEachTimePointExactlyOnce() throws Exception {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> embryos = new ArrayList<>();
        for (int i = 0; i < EMBRYOS; i++) {
            embryos.add("eos-" + run + "-" + i);
        }
        publishBacklog(bootstrap, embryos);
        Path props = dir.resolve("classifier.properties");
        Files.writeString(props, String.join("\n",
                "kafka.bootstrap.servers=" + bootstrap,
                "model.dir=" + TestModels.parityModel(),
                "classifier.state.dir=" + dir.resolve("state"),
                "classifier.application.id=eos-kill-" + run,
                "classifier.replication.factor=1",
                "classifier.session.timeout.ms=6000",
                "metrics.port=0",
                "inference.threads=1",
                "inference.batch.max=16"));

        Random random = new Random(42);
        for (int kill = 0; kill < Integer.getInteger("eos.kills", 3); kill++) {
            Process p = startClassifier(props, kill);
            Thread.sleep(4000 + random.nextInt(4000));
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no commit
        }
        Process last = startClassifier(props, 3);
        Map<String, List<Integer>> stages = new HashMap<>();
        List<String> transitionIds = new ArrayList<>();
        try {
            readCommitted(bootstrap, run, embryos, stages, transitionIds, last);
        } finally {
            last.destroy();
            last.waitFor(30, TimeUnit.SECONDS);
        }

        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, TIME_POINTS).boxed().toList();
        assertThat(stages.values().stream().mapToInt(List::size).sum()).as("stage events read, of %d",
                EMBRYOS * TIME_POINTS).isEqualTo(EMBRYOS * TIME_POINTS);
        for (String e : embryos) {
            assertThat(stages.get(e)).as("stage events of %s", e).containsExactlyElementsOf(expected);
        }
        assertThat(transitionIds).doesNotHaveDuplicates();
    }

    private void publishBacklog(String bootstrap, List<String> embryos) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                for (int i = 0; i < embryos.size(); i++) {
                    java.util.Arrays.fill(px, (byte) (60 + (tp * 7 + i * 13) % 120));
                    FrameEvent f = SampleEvents.frame(embryos.get(i), tp, 0);
                    f.setImage(Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(px)))
                            .setEncoding(ImageEncoding.PNG).setWidth(256).setHeight(256).build());
                    p.send(new ProducerRecord<>(Topics.FRAMES.name(), embryos.get(i), Topics.FRAMES.codec().encode(f)));
                }
            }
        }
    }

    /** Child logs stay in target/ for a look after a failure. */
    private static Path logDir() throws IOException {
        return Files.createDirectories(Path.of("target", "exactly-once-logs"));
    }

    private Process startClassifier(Path props, int attempt) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-XX:ErrorFile=" + logDir().toAbsolutePath() + "/hs_err_%p.log",
                "-cp", System.getProperty("java.class.path"), ClassifierApp.class.getName(), props.toString())
                .redirectErrorStream(true)
                .redirectOutput(logDir().resolve("classifier-" + attempt + ".log").toFile())
                .start();
    }

    private static void readCommitted(String bootstrap, String run, List<String> embryos,
                                      Map<String, List<Integer>> stages, List<String> transitionIds,
                                      Process classifier) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "eos-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.STAGES.name(), Topics.TRANSITIONS.name()));
            long deadline = System.currentTimeMillis() + 180_000;
            long quietSince = 0;
            while (System.currentTimeMillis() < deadline) {
                if (!classifier.isAlive()) {
                    throw new AssertionError("the classifier exited with status " + classifier.exitValue()
                            + "; see target/exactly-once-logs/classifier-3.log");
                }
                var records = c.poll(Duration.ofMillis(500));
                records.forEach(r -> {
                    if (!embryos.contains(r.key())) {
                        return;
                    }
                    if (r.topic().equals(Topics.STAGES.name())) {
                        StageEvent s = Topics.STAGES.codec().decode(r.topic(), r.value());
                        stages.computeIfAbsent(s.getEmbryoId(), k -> new ArrayList<>()).add(s.getTimePoint());
                    } else {
                        TransitionEvent t = Topics.TRANSITIONS.codec().decode(r.topic(), r.value());
                        transitionIds.add(t.getTransitionId());
                    }
                });
                long total = stages.values().stream().mapToLong(List::size).sum();
                if (total >= (long) EMBRYOS * TIME_POINTS) {
                    quietSince = quietSince == 0 ? System.currentTimeMillis() : quietSince;
                    if (System.currentTimeMillis() - quietSince > 5000) {
                        return; // everything arrived, and 5 s more brought no duplicate
                    }
                }
            }
        }
    }
}
