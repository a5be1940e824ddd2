package io.embryostream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster the campaign runs on: every byte through the proxies, a broker restarted, resets survived. */
class ProxiedClusterTest {

    @TempDir
    Path dir;

    @Test
    void clientsReachTheBrokersOnlyThroughTheProxiesAndSurviveARestartAndResets() throws Exception {
        try (ProxiedCluster cluster = ProxiedCluster.start(dir)) {
            cluster.admin().createTopics(List.of(new NewTopic("t", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
            long before = cluster.proxies().stream().mapToLong(TcpProxy::bytesForwarded).sum();
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 100; i++) {
                    p.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
                }
                cluster.stopBroker(1);
                for (int i = 100; i < 200; i++) {
                    p.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
                }
                cluster.startBroker(1);
                int reset = cluster.proxies().stream().mapToInt(TcpProxy::resetAll).sum();
                assertThat(reset).isPositive();
                for (int i = 200; i < 300; i++) {
                    p.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
                }
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of("t"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.size() < 300 && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
            }
            assertThat(values).hasSize(300).doesNotHaveDuplicates();
            assertThat(cluster.proxies()).allSatisfy(p -> assertThat(p.connections()).isPositive());
            assertThat(cluster.proxies().stream().mapToLong(TcpProxy::bytesForwarded).sum()).isGreaterThan(before);
            assertThat(cluster.brokerRestarts()).isEqualTo(1);
        }
    }
}
