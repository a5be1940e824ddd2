package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.alerts.AlertDeliveryService;
import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.intake.DeadLetters;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.topics.CommittedReader;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-dead-letters} on a broker of its own with the real classifier and the real alert delivery: what an
 * upgrade or a repaired webhook cures comes back once, a second replay adds nothing, and what cannot succeed again
 * is refused with why.
 */
class ReplayDeadLettersCommandTest {

    private static final int TIME_POINTS = 6;
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path state;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createCatalogTopics(TopicCatalog.standard());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void framesAnOlderClassifierCouldNotReadComeBackOnceAndWhatCannotSucceedIsRefused() throws Exception {
        String app = "replay-classifier";
        String late = "embryo-b"; // the classifier of the previous release did not know its frames' schema
        List<DeadLetter> setAside = new ArrayList<>();
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                byte[] value = Topics.FRAMES.codec().encode(frame(late, tp));
                RecordMetadata m = p.send(new ProducerRecord<>(Topics.FRAMES.name(), late, value)).get();
                setAside.add(DeadLetters.of(DeadLetterReason.UNKNOWN_SCHEMA, "FrameEvent written with a schema this"
                        + " build does not know; upgrade this consumer", origin(m), late, value, System.currentTimeMillis()));
            }
            for (DeadLetter d : setAside) {
                p.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, late, Topics.DEAD_LETTERS.codec().encode(d),
                        DeadLetters.connectHeaders(d, EventDecodingException.class))).get();
            }
        }
        // ... and committed past them, as every consumer does after dead-lettering
        commitGroupAtEnd(app, Topics.FRAMES.name(), Topics.LIFECYCLE.name());

        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(), "model.dir",
                Path.of("..", "model/src/test/resources/parity-model").toAbsolutePath().normalize().toString(),
                "classifier.state.dir", state.toString(), "classifier.replication.factor", "1",
                "classifier.application.id", app, "metrics.port", "0", "inference.threads", "1"));
        try (ClassifierApp classifier = ClassifierApp.start(new ClassifierConfig(s));
             KafkaProducer<String, byte[]> p = producer()) {
            for (int tp = 1; tp <= TIME_POINTS; tp++) {
                p.send(new ProducerRecord<>(Topics.FRAMES.name(), "embryo-a", Topics.FRAMES.codec().encode(frame("embryo-a", tp))));
            }
            p.send(new ProducerRecord<>(Topics.FRAMES.name(), "embryo-c", "not avro".getBytes(StandardCharsets.UTF_8)));
            byte[] newer = Topics.FRAMES.codec().encode(frame("embryo-d", 1));
            Arrays.fill(newer, 2, 10, (byte) 0x5A); // a schema fingerprint no release of this build knows
            p.send(new ProducerRecord<>(Topics.FRAMES.name(), "embryo-d", newer)).get();
            awaitCount(Topics.STAGES.name(), k -> k.equals("embryo-a"), TIME_POINTS);
            awaitCount(Topics.DEAD_LETTERS.name(), k -> true, TIME_POINTS + 2);
            assertThat(stageTimePoints(late)).as("nothing classified before the replay").isEmpty();

            CommandRun first = CommandRun.of("replay-dead-letters", "--bootstrap-servers", broker.bootstrapServers());

            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("Replayed " + TIME_POINTS + " of embryo.deadletter.v1 {UNKNOWN_SCHEMA="
                            + TIME_POINTS + "}", "Skipped 0 already replayed")
                    .contains("Refused 1 UNDECODABLE: the record itself is bad")
                    .contains("Refused 1 UNKNOWN_SCHEMA: this build still cannot read it");
            awaitCount(Topics.STAGES.name(), late::equals, TIME_POINTS);
            assertThat(stageTimePoints(late)).containsExactlyElementsOf(IntStream.rangeClosed(1, TIME_POINTS).boxed().toList());
            assertThat(read(Topics.FRAMES.name(), late::equals)).filteredOn(r -> r.headers()
                    .lastHeader(DeadLetterReplayer.REPLAY_OF_HEADER) != null).hasSize(TIME_POINTS)
                    .allSatisfy(r -> assertThat(r.partition()).isEqualTo(setAside.get(0).getOriginPartition()));

            CommandRun second = CommandRun.of("replay-dead-letters", "--bootstrap-servers", broker.bootstrapServers());

            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).contains("Replayed 0 of embryo.deadletter.v1", "Skipped " + TIME_POINTS + " already replayed");
            Thread.sleep(3000); // what a doubled replay would have made by now: new stage events or LATE dead letters
            assertThat(stageTimePoints(late)).hasSize(TIME_POINTS);
            assertThat(read(Topics.DEAD_LETTERS.name(), late::equals)).hasSize(TIME_POINTS);
            assertThat(read(Topics.REPLAYS.name(), k -> k.startsWith(Topics.DEAD_LETTERS.name() + "/"))).hasSize(TIME_POINTS);
            assertThat(classifier.streams().state().isRunningOrRebalancing()).isTrue();
        }

        CommandRun lateReplay = CommandRun.of("replay-dead-letters", "--reason", "LATE", "--bootstrap-servers", "localhost:1");
        assertThat(lateReplay.exit()).isEqualTo(2);
        assertThat(lateReplay.err()).contains("Refused: LATE: the time point was classified already");
        CommandRun unknown = CommandRun.of("replay-dead-letters", "--reason", "LOST", "--bootstrap-servers", "localhost:1");
        assertThat(unknown.err()).contains("Unknown reason 'LOST'", "UNKNOWN_SCHEMA", "CORRUPT_IMAGE");
    }

    @Test
    void alertsARefusingWebhookSentToTheUndeliverableTopicReachItOnceRepaired() throws Exception {
        AtomicInteger status = new AtomicInteger(401);
        List<String> accepted = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/alerts", ex -> {
            ex.getRequestBody().readAllBytes();
            int answer = status.get();
            if (answer == 204) {
                accepted.add(ex.getRequestHeaders().getFirst("webhook-id"));
            }
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        webhook.start();
        Map<String, String> options = new HashMap<>();
        options.put("kafka.bootstrap.servers", broker.bootstrapServers());
        options.put("alerts.webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
        options.put("alerts.webhook.secret", "a-shared-secret-of-32-characters");
        options.put("metrics.port", "0");
        try (AlertDeliveryService delivery = AlertDeliveryService.start(new AlertDeliveryConfig(
                Settings.resolve(AlertDeliveryConfig.defaults(), null, Map.of(), options)));
             KafkaProducer<String, byte[]> p = producer()) {
            for (String id : List.of("alert-1", "alert-2")) {
                AlertEvent a = AlertEvent.newBuilder(SampleEvents.alert()).setAlertId(id).build();
                p.send(new ProducerRecord<>(Topics.ALERTS.name(), a.getEmbryoId(), Topics.ALERTS.codec().encode(a))).get();
            }
            awaitCount(Topics.ALERTS_UNDELIVERABLE.name(), k -> true, 2);
            status.set(204); // the receiver's secret put right

            CommandRun first = CommandRun.of("replay-dead-letters", "--undeliverable-alerts", "--bootstrap-servers",
                    broker.bootstrapServers());
            assertThat(first.out()).as(first.err()).contains("Replayed 2 of embryo.alerts.undeliverable.v1 {REJECTED=2}");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (accepted.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            CommandRun second = CommandRun.of("replay-dead-letters", "--undeliverable-alerts", "--bootstrap-servers",
                    broker.bootstrapServers());
            assertThat(second.out()).contains("Replayed 0 of embryo.alerts.undeliverable.v1", "Skipped 2 already replayed");
            Thread.sleep(2000);
            assertThat(accepted).containsExactlyInAnyOrder("alert-1", "alert-2");
            assertThat(delivery.failure()).isEmpty();
        } finally {
            webhook.stop(0);
        }
    }

    private static FrameEvent frame(String embryo, int tp) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        Arrays.fill(px, (byte) (60 + 20 * tp));
        FrameEvent f = SampleEvents.frame(embryo, tp, 0);
        f.setImage(Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(px))).setEncoding(ImageEncoding.PNG)
                .setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build());
        return f;
    }

    private static org.apache.kafka.streams.processor.api.RecordMetadata origin(RecordMetadata m) {
        return new org.apache.kafka.streams.processor.api.RecordMetadata() {
            @Override
            public String topic() {
                return m.topic();
            }

            @Override
            public int partition() {
                return m.partition();
            }

            @Override
            public long offset() {
                return m.offset();
            }
        };
    }

    private static void commitGroupAtEnd(String group, String... topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String t : topics) {
            broker.admin().describeTopics(List.of(t)).allTopicNames().get().get(t).partitions()
                    .forEach(p -> latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> at = new HashMap<>();
        broker.admin().listOffsets(latest).all().get().forEach((tp, info) -> at.put(tp, new OffsetAndMetadata(info.offset())));
        broker.admin().alterConsumerGroupOffsets(group, at).all().get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static List<Integer> stageTimePoints(String embryo) {
        return read(Topics.STAGES.name(), embryo::equals).stream()
                .map(r -> Topics.STAGES.codec().decode(r.topic(), r.value())).map(StageEvent::getTimePoint).sorted().toList();
    }

    private static void awaitCount(String topic, Predicate<String> key, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (read(topic, key).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(read(topic, key)).as(topic).hasSizeGreaterThanOrEqualTo(n);
    }

    /** Every committed record of the topic whose key matches. */
    private static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<String> key) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        CommittedReader.readToEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), topic, null,
                Duration.ofSeconds(60), r -> {
                    if (r.key() != null && key.test(r.key())) {
                        out.add(r);
                    }
                });
        return out;
    }
}
