package io.embryostream.kafka.embedded;

import io.embryostream.topics.TopicCatalog;

/**
 * One embedded broker per JVM, started on first use with the catalog's topics and stopped when
 * the JVM exits: integration tests of every module share it instead of paying a broker start
 * (several seconds) per test class. Tests use topics or consumer groups of their own where they
 * must not see each other's records.
 */
public final class SharedEmbeddedKafka {

    private static EmbeddedKafkaBroker broker;

    private SharedEmbeddedKafka() {
    }

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            EmbeddedKafkaBroker b = EmbeddedKafkaBroker.start();
            b.createCatalogTopics(TopicCatalog.standard());
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "embedded-kafka-shutdown"));
            broker = b;
        }
        return broker;
    }
}
