package io.embryostream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.topics.TopicCatalog;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest extends BrokerContractTests {

    @Override
    String bootstrapServers() {
        return SharedEmbeddedKafka.broker().bootstrapServers();
    }

    @Override
    void createCatalogTopics() {
        SharedEmbeddedKafka.broker().createCatalogTopics(TopicCatalog.standard());
    }

    @Test
    void creatingTheCatalogTwiceKeepsTheTopics() throws Exception {
        createCatalogTopics();
        createCatalogTopics();
        try (var admin = SharedEmbeddedKafka.broker().admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("embryo.frames.v1", "embryo.deadletter.v1");
        }
    }
}
