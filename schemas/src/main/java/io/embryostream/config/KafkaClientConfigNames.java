package io.embryostream.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The config names the Kafka clients themselves define, so that a mistyped
 * {@code EMBRYO_KAFKA_*} variable is reported instead of passed on and ignored by the client.
 * Kafka Streams' names count where kafka-streams is on the class path (the classifier and the
 * view); this module does not depend on it.
 */
public final class KafkaClientConfigNames {

    /** Kafka Streams' prefixes for configs of its inner clients ({@code producer.linger.ms}). */
    private static final List<String> CLIENT_PREFIXES = List.of("producer.", "consumer.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "admin.");
    /** Kafka Streams' prefix for the configs of the internal topics it creates: any topic config. */
    private static final String TOPIC_PREFIX = "topic.";
    private static final Set<String> NAMES = names();

    private KafkaClientConfigNames() {
    }

    /** True when {@code name} is a producer, consumer, admin or Streams config, alone or under a Streams prefix. */
    public static boolean isConfig(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        if (name.startsWith(TOPIC_PREFIX) && name.length() > TOPIC_PREFIX.length()) {
            return true;
        }
        return CLIENT_PREFIXES.stream().anyMatch(p -> name.startsWith(p) && NAMES.contains(name.substring(p.length())));
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        try {
            Object def = Class.forName("org.apache.kafka.streams.StreamsConfig").getMethod("configDef").invoke(null);
            @SuppressWarnings("unchecked")
            Set<String> streams = (Set<String>) def.getClass().getMethod("names").invoke(def);
            names.addAll(streams);
        } catch (ClassNotFoundException e) {
            // not a Streams application: its settings are the clients' alone
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read Kafka Streams' config names", e);
        }
        return Set.copyOf(names);
    }
}
