package io.embryostream.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.TestModels;
import io.embryostream.config.Settings;
import io.embryostream.frames.CanonicalImages;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIGKILL while RocksDB creates a store leaves behind (a write-ahead log without the manifest that
 * names it; ExactlyOnceUnderKillTest met it once): Kafka Streams cannot open the store and used to fail at
 * start, leaving a JVM that classified nothing. The classifier now wipes its local state, restores it from
 * the changelogs, and goes on: each time point still exactly once.
 */
class UnreadableLocalStateTest {

    @TempDir
    Path stateDir;

    @Test
    void aStoreRocksDbCannotOpenCostsTheLocalStateNotTheStart() throws Exception {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String embryo = "unreadable-" + run;
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", bootstrap, "model.dir", TestModels.parityModel().toString(),
                "classifier.state.dir", stateDir.toString(), "classifier.replication.factor", "1",
                "classifier.application.id", "unreadable-" + run, "metrics.port", "0", "inference.threads", "1",
                // a closed Streams member stays in the group until its session times out: keep the restart short
                "classifier.session.timeout.ms", "6000"));
        List<Integer> seen = new ArrayList<>();
        try (KafkaConsumer<String, StageEvent> reader = reader(bootstrap, run)) {
            publish(bootstrap, embryo, 1, 5);
            try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(s))) {
                read(reader, embryo, seen, 5);
            }
            List<Path> stores = storeFolders(stateDir);
            assertThat(stores).as("the first run left RocksDB stores behind").isNotEmpty();
            for (Path store : stores) {
                unreadable(store);
            }

            publish(bootstrap, embryo, 6, 10);
            try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(s))) {
                read(reader, embryo, seen, 10);
            }
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    /** As a kill during creation leaves it: a log file, no CURRENT, no MANIFEST. */
    private static void unreadable(Path store) throws Exception {
        try (Stream<Path> files = Files.list(store)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("CURRENT") || name.startsWith("MANIFEST-")) {
                    Files.delete(f);
                }
            }
        }
        Files.write(store.resolve("000024.log"), new byte[0]);
    }

    private static List<Path> storeFolders(Path stateDir) throws Exception {
        try (Stream<Path> all = Files.walk(stateDir)) {
            return all.filter(p -> Files.isRegularFile(p.resolve("CURRENT")) && p.getParent() != null
                    && p.getParent().getFileName().toString().equals("rocksdb")).toList();
        }
    }

    private static void publish(String bootstrap, String embryo, int from, int to) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int tp = from; tp <= to; tp++) {
                byte[] px = new byte[CanonicalImages.GRAY8_BYTES];
                java.util.Arrays.fill(px, (byte) (80 + tp));
                FrameEvent f = SampleEvents.frame(embryo, tp, 0);
                f.setImage(CanonicalImages.gray8(px));
                p.send(new ProducerRecord<>(Topics.FRAMES.name(), embryo, Topics.FRAMES.codec().encode(f)));
            }
        }
    }

    private static KafkaConsumer<String, StageEvent> reader(String bootstrap, String run) {
        KafkaConsumer<String, StageEvent> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "unreadable-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), Topics.STAGES.valueSerde());
        c.subscribe(List.of(Topics.STAGES.name()));
        return c;
    }

    private static void read(KafkaConsumer<String, StageEvent> reader, String embryo, List<Integer> seen, int until) {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!seen.contains(until) && System.currentTimeMillis() < deadline) {
            reader.poll(Duration.ofMillis(300)).forEach(r -> {
                if (r.key().equals(embryo)) {
                    seen.add(r.value().getTimePoint());
                }
            });
        }
        // a little longer: a duplicate would arrive now
        long quiet = System.currentTimeMillis() + 2000;
        while (System.currentTimeMillis() < quiet) {
            reader.poll(Duration.ofMillis(300)).forEach(r -> {
                if (r.key().equals(embryo)) {
                    seen.add(r.value().getTimePoint());
                }
            });
        }
    }
}
