package io.embryostream.reliability;

import io.embryostream.topics.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Three Kafka brokers and one KRaft controller in this JVM (Kafka's test kit), each broker behind a {@link TcpProxy}
 * and advertising the proxy's port: clients and replication reach a broker only through its proxy. Replication 3,
 * {@code min.insync.replicas} 2, as on Kubernetes, so one broker may be down while every write goes on.
 */
final class ProxiedCluster implements AutoCloseable {

    static final int BROKERS = 3;

    private final KafkaClusterTestKit cluster;
    private final List<TcpProxy> proxies;
    private final Admin admin;
    private int restarts;

    private ProxiedCluster(KafkaClusterTestKit cluster, List<TcpProxy> proxies) {
        this.cluster = cluster;
        this.proxies = proxies;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    static ProxiedCluster start(Path dir) throws Exception {
        Map<Integer, Map<String, String>> perBroker = new HashMap<>();
        List<TcpProxy> proxies = new ArrayList<>();
        for (int id = 0; id < BROKERS; id++) {
            TcpProxy proxy = new TcpProxy(freePort());
            proxies.add(proxy);
            // only the advertised address: the test kit binds the listener itself (and again on restart)
            perBroker.put(id, Map.of("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxy.port()));
        }
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(BROKERS)
                .setNumControllerNodes(1).setBaseDirectory(dir).setPerServerProperties(perBroker).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
        brokerConfig().forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        ListenerName external = nodes.brokerListenerName();
        cluster.brokers().forEach((id, b) -> proxies.get(id).target(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), b.boundPort(external))));
        return new ProxiedCluster(cluster, proxies);
    }

    /** Replication 3 with two in sync, everywhere: the catalog's topics, offsets, transactions, Streams' own. */
    private static Map<String, String> brokerConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("default.replication.factor", "3");
        c.put("min.insync.replicas", "2");
        c.put("offsets.topic.replication.factor", "3");
        c.put("offsets.topic.num.partitions", "6");
        c.put("transaction.state.log.replication.factor", "3");
        c.put("transaction.state.log.min.isr", "2");
        c.put("transaction.state.log.num.partitions", "6");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "false");
        c.put("unclean.leader.election.enable", "false");
        return c;
    }

    /** The proxies' addresses: the only way in. */
    String bootstrapServers() {
        return proxies.stream().map(p -> "127.0.0.1:" + p.port()).collect(Collectors.joining(","));
    }

    Admin admin() {
        return admin;
    }

    List<TcpProxy> proxies() {
        return proxies;
    }

    void createCatalogTopics(TopicCatalog catalog) throws Exception {
        List<NewTopic> topics = catalog.newTopics((short) BROKERS);
        topics.forEach(t -> {
            Map<String, String> configs = new HashMap<>(t.configs() == null ? Map.of() : t.configs());
            configs.put("min.insync.replicas", "2");
            t.configs(configs);
        });
        admin.createTopics(topics).all().get();
    }

    /** Stops broker {@code id} as a crash would leave it unreachable (its proxy refuses), then starts it again. */
    void stopBroker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        broker.shutdown();
        broker.awaitShutdown();
    }

    void startBroker(int id) {
        cluster.brokers().get(id).startup();
        restarts++;
    }

    int brokerRestarts() {
        return restarts;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxies.forEach(TcpProxy::close);
        cluster.close();
    }
}
