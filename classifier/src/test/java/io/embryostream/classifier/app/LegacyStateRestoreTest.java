package io.embryostream.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State written by release 0.1 restores: the changelogs its classifier wrote (fixtures under
 * {@code src/test/resources/state-0.1}, in the formats before the Avro state schemas) are put on the
 * changelog topics of a new application, which Kafka Streams restores on a real broker; the
 * classifier then carries on with the embryos exactly as release 0.1 did without a restart (same
 * stages and probabilities for the pending and the next time points) and writes the state back as Avro.
 */
class LegacyStateRestoreTest {

    private static final int PARTITIONS = Topics.FRAMES.spec().partitions();

    /** A broker of its own: a new application reads the frames topic from the start. */
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createCatalogTopics(TopicCatalog.standard());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "transformer", "three-planes"})
    void aChangelogOfRelease01RestoresAndTheEmbryosCarryOn(String scenario) throws Exception {
        Path fixtures = TestModels.repoRoot().resolve("classifier/src/test/resources/state-0.1");
        List<String[]> stores = Files.readAllLines(fixtures.resolve(scenario + ".stores")).stream()
                .map(l -> l.split("\t")).toList();
        List<String> expected = Files.readAllLines(fixtures.resolve(scenario + ".expected")).stream()
                .filter(l -> l.startsWith("stage")).toList();
        Set<String> embryos = new TreeSet<>();
        stores.forEach(r -> embryos.add(r[1].split("\\|")[0]));
        boolean threePlanes = scenario.equals("three-planes");
        List<Integer> planes = threePlanes ? List.of(-15, 0, 15) : List.of(0);
        assertThat(stores.stream().map(r -> r[2]).allMatch(v -> !StateCodec.isSingleObject(Base64.getDecoder().decode(v))))
                .as("the fixtures hold the formats before Avro").isTrue();

        String appId = "restore-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> compact = new HashMap<>(TopicCatalog.standard().changelogConfig());
        compact.put("cleanup.policy", "compact");
        List<NewTopic> changelogs = new ArrayList<>();
        for (String store : List.of("embryo-state", "pending-planes", "pending-time-points", "recent-embeddings")) {
            changelogs.add(new NewTopic(appId + "-" + store + "-changelog", PARTITIONS, (short) 1).configs(compact));
        }
        broker.createTopics(changelogs.toArray(NewTopic[]::new));
        // one record at a time, acknowledged, in the order the stores held them (as a changelog is written)
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "enable.idempotence", "false", "acks", "all",
                "max.request.size", "4194304"), new StringSerializer(), new ByteArraySerializer())) {
            for (String[] r : stores) {
                // a task's changelog partition is its input partition: the embryo's
                int partition = partitionOf(r[1].split("\\|")[0]);
                p.send(new ProducerRecord<>(appId + "-" + r[0] + "-changelog", partition, r[1],
                        Base64.getDecoder().decode(r[2]))).get();
            }
        }

        Map<String, String> o = new HashMap<>(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "model.dir", (threePlanes ? TestModels.threePlaneParityModel() : TestModels.parityModel()).toString(),
                "classifier.state.dir", stateDir.toString(), "classifier.replication.factor", "1",
                "classifier.application.id", appId, "metrics.port", "0", "inference.threads", "1",
                "model.head", scenario.equals("transformer") ? "transformer" : ""));
        // the fixtures' wall clock is the capture's: keep the restored embryos from timing out here
        o.put("embryo.inactivity.timeout.hours", "1000000");
        Map<String, StageEvent> got = new LinkedHashMap<>();
        try (KafkaConsumer<String, StageEvent> c = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), Topics.STAGES.valueSerde())) {
            // from where the stages topic ends before the restore: the pending time points are emitted at once
            var partitions = c.partitionsFor(Topics.STAGES.name()).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(Topics.STAGES.name(), i.partition())).toList();
            c.assign(partitions);
            c.endOffsets(partitions).forEach(c::seek);
            try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(Settings.resolve(
                    ClassifierConfig.defaults(), null, Map.of(), o)))) {
                try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                    for (int tp = 17; tp <= 24; tp++) {
                        for (String e : embryos) {
                            for (int plane : planes) {
                                if (tp > 17 || (plane == 15 && threePlanes)) {
                                    p.send(new ProducerRecord<>(Topics.FRAMES.name(), e,
                                            Topics.FRAMES.codec().encode(frame(e, tp, plane))));
                                }
                            }
                        }
                    }
                }
                long deadline = System.currentTimeMillis() + 90_000;
                while (got.size() < expected.size() && System.currentTimeMillis() < deadline) {
                    c.poll(Duration.ofMillis(300)).forEach(r -> {
                        if (embryos.contains(r.key())) {
                            got.put(r.key() + ":" + r.value().getTimePoint(), r.value());
                        }
                    });
                }
            }
        }
        assertThat(got).as("one stage event for each pending and each next time point").hasSize(expected.size());
        for (String want : expected) {
            String[] w = want.split("\t");
            StageEvent s = got.get(w[1] + ":" + w[2]);
            assertThat(s).as(want).isNotNull();
            assertThat(String.valueOf(s.getStageIndex())).as(want).isEqualTo(w[3]);
            assertThat(String.valueOf(s.getFlags())).as(want).isEqualTo(w[5]);
            assertThat(String.valueOf(s.getConfirmedUpToHours())).as("decoder state carried on: " + want)
                    .isEqualTo(w[6]);
            List<Float> probabilities = parse(w[4]);
            for (int k = 0; k < probabilities.size(); k++) {
                assertThat(s.getProbabilities().get(k)).as("temporal state carried on: " + want)
                        .isCloseTo(probabilities.get(k), org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        assertStateWrittenBackAsAvro(broker, appId + "-embryo-state-changelog", embryos);
    }

    private static void assertStateWrittenBackAsAvro(EmbeddedKafkaBroker broker, String changelog, Set<String> embryos) {
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = c.partitionsFor(changelog).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(changelog, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), r.value());
                }
            }
        }
        for (String e : embryos) {
            assertThat(latest.get(e)).as("state of " + e).isNotNull();
            assertThat(StateCodec.isSingleObject(latest.get(e))).as("state of " + e + " written back as Avro").isTrue();
        }
    }

    private static int partitionOf(String embryoId) {
        return Utils.toPositive(Utils.murmur2(embryoId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static List<Float> parse(String list) {
        List<Float> out = new ArrayList<>();
        for (String x : list.replace("[", "").replace("]", "").split(",")) {
            out.add(Float.parseFloat(x.trim()));
        }
        return out;
    }

    /** The frames the fixtures' run sent (StateCaptureTest at the commit that wrote them). */
    private static FrameEvent frame(String embryo, int tp, int plane) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        int shade = 30 + (tp * 7 + plane + embryo.length() * 13) % 150;
        for (int i = 0; i < px.length; i++) {
            int x = i % CanonicalFrame.SIZE - 128;
            int y = i / CanonicalFrame.SIZE - 128;
            int r = 60 + tp * 3;
            px[i] = (byte) (x * x + y * y < r * r ? shade + (x + y) % 20 : 200);
        }
        FrameEvent e = SampleEvents.frame(embryo, tp, plane);
        e.setHoursPostInsemination(tp * 0.5);
        e.setImage(Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(px))).setEncoding(ImageEncoding.PNG)
                .setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build());
        e.setGroundTruth(null);
        return e;
    }
}
