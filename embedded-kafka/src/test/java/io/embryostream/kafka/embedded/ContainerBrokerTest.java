package io.embryostream.kafka.embedded;

import io.embryostream.topics.TopicCatalog;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same contract against a broker in Docker; skipped, not failed, where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerTest extends BrokerContractTests {

    private static KafkaContainer kafka;

    @BeforeAll
    static void startContainer() {
        kafka = new KafkaContainer("apache/kafka:4.3.1");
        kafka.start();
    }

    @AfterAll
    static void stopContainer() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Override
    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    void createCatalogTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            admin.createTopics(TopicCatalog.standard().newTopics((short) 1).stream()
                    .filter(t -> !existing.contains(t.name())).toList()).all().get();
        } catch (Exception e) {
            throw new AssertionError("cannot create catalog topics in the container broker", e);
        }
    }
}
