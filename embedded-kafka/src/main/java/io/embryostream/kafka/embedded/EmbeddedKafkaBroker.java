package io.embryostream.kafka.embedded;

import io.embryostream.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.security.auth.SecurityProtocol;
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

    /** The SASL mechanism clients of a secured broker use; the broker's own user logs in with PLAIN. */
    public static final String CLIENT_SASL_MECHANISM = "SCRAM-SHA-512";

    private final KafkaClusterTestKit cluster;
    private final Path dataDir;
    private final Map<String, String> adminConfig;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Path dataDir, Map<String, String> adminConfig) {
        this.cluster = cluster;
        this.dataDir = dataDir;
        this.adminConfig = adminConfig;
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
        return start(dataDir, overrides, Map.of());
    }

    /**
     * Starts a broker whose client listener is SASL_SSL, as a secured production cluster's is: TLS
     * with {@code tls}'s key, SASL/SCRAM-SHA-512 for clients (add users with {@link #addScramUser}),
     * ACLs enforced by KRaft's StandardAuthorizer with nothing allowed unless granted. The broker
     * itself (and {@link #admin()}) logs in as {@code superUser} over SASL/PLAIN. The controller
     * listener stays PLAINTEXT on loopback, so its anonymous principal is a super user too.
     */
    public static EmbeddedKafkaBroker startSaslSsl(Path dataDir, SelfSignedTls tls, String superUser,
                                                   String superUserPassword) {
        String plainLogin = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + superUser + "\" password=\"" + superUserPassword + "\"";
        Map<String, String> broker = new HashMap<>();
        broker.put("ssl.keystore.location", tls.keystore().toString());
        broker.put("ssl.keystore.type", "PKCS12");
        broker.put("ssl.keystore.password", tls.password());
        broker.put("ssl.key.password", tls.password());
        tls.clientTrust().forEach(broker::put);
        broker.put("sasl.enabled.mechanisms", "PLAIN," + CLIENT_SASL_MECHANISM);
        broker.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        broker.put("listener.name.external.plain.sasl.jaas.config",
                plainLogin + " user_" + superUser + "=\"" + superUserPassword + "\";");
        broker.put("listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        broker.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        broker.put("allow.everyone.if.no.acl.found", "false");
        broker.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
        // The test kit builds PLAINTEXT or SASL_PLAINTEXT listeners only; its listener map yields to this one.
        broker.put("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
        Map<String, String> admin = new HashMap<>(tls.clientTrust());
        admin.put("security.protocol", SecurityProtocol.SASL_SSL.name);
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", plainLogin + ";");
        return start(dataDir, broker, admin);
    }

    private static EmbeddedKafkaBroker start(Path dataDir, Map<String, String> overrides,
                                             Map<String, String> adminConfig) {
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
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(cluster, dir, Map.copyOf(adminConfig));
            log.info("Embedded Kafka broker ready at {} ({}, data in {}) after {} ms", broker.bootstrapServers(),
                    adminConfig.getOrDefault("security.protocol", "PLAINTEXT"), dir,
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

    /** An admin client (the super user on a secured broker); the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    /** Adds (or changes) a SASL/SCRAM-SHA-512 user of a broker started by {@link #startSaslSsl}. */
    public void addScramUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while adding SCRAM user " + user, e);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("cannot add SCRAM user " + user + ": " + e.getCause().getMessage()
                    + " (only a broker started with startSaslSsl has SCRAM enabled)", e.getCause());
        }
    }

    /** Grants ACLs (e.g. a service's topics, consumer group and transactional id). */
    public void grant(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating ACLs", e);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("cannot create ACLs " + acls + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
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
                    admin.createTopics(List.of(t)).all().get();
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
