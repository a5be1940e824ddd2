package io.embryostream.kafka.embedded;

import io.embryostream.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka KRaft broker (one combined broker + controller node) running in this JVM, from
 * Kafka's own in-JVM test kit. It is the default for the demo when no {@code bootstrap.servers}
 * is given, and the broker integration tests share (see {@link SharedEmbeddedKafka}).
 *
 * <p>Every replication factor is 1: the test kit defaults the internal topics to 3, and with one
 * broker consumer groups and transactions would then never form.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaClusterTestKit cluster;
    private final Path dataDir;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Path dataDir) {
        this.cluster = cluster;
        this.dataDir = dataDir;
    }

    /** Starts a broker with its data in a fresh temporary directory (deleted on close). */
    public static EmbeddedKafkaBroker start() {
        return start(null, Map.of());
    }

    /**
     * Starts a broker.
     *
     * @param dataDir where the broker keeps its logs; null for a temporary directory deleted on close
     * @param overrides extra broker configs (e.g. SASL listeners), applied last
     */
    public static EmbeddedKafkaBroker start(Path dataDir, Map<String, String> overrides) {
        long t0 = System.nanoTime();
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("embryo-stream-kafka-") : Files.createDirectories(dataDir);
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(temporary);
            singleNodeConfig().forEach(builder::setConfigProp);
            overrides.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(cluster, dir);
            log.info("Embedded Kafka broker ready at {} (data in {}) after {} ms", broker.bootstrapServers(), dir,
                    (System.nanoTime() - t0) / 1_000_000);
            return broker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new EmbeddedKafkaException("cannot start the embedded Kafka broker: " + e.getMessage()
                    + " (is the data directory writable and not used by another broker?)", e);
        }
    }

    /** Broker settings for a single node: everything replicated once, no rebalance delay. */
    static Map<String, String> singleNodeConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "12");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "12");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "false");
        // The demo replays days of culture in minutes; keep segments small so disk use stays bounded.
        c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return c;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** An admin client; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates every topic of the catalog with replication factor 1; topics that exist are kept. */
    public void createCatalogTopics(TopicCatalog catalog) {
        createTopics(catalog.newTopics((short) 1).toArray(NewTopic[]::new));
    }

    /** Creates topics; ones that already exist are kept as they are. */
    public void createTopics(NewTopic... topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            for (NewTopic t : topics) {
                if (existing.contains(t.name())) {
                    continue;
                }
                try {
                    admin.createTopics(java.util.List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedKafkaException("cannot create topic " + t.name() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        try {
            cluster.close();
            log.info("Embedded Kafka broker stopped after {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            throw new EmbeddedKafkaException("embedded Kafka broker did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
