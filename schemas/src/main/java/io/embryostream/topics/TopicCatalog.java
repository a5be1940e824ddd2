package io.embryostream.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic catalog, read from the one data file {@code topics.yaml} (shipped in this jar at
 * {@link #RESOURCE}). Java code, the docker-compose topic init and the Kubernetes KafkaTopics all
 * come from it, so a topic's name, partition count and configs are declared once.
 */
public final class TopicCatalog {

    /** Classpath location of the catalog. */
    public static final String RESOURCE = "/io/embryostream/topics/topics.yaml";

    private static final TopicCatalog STANDARD = load();

    private final List<TopicSpec> topics;
    private final Map<String, String> changelogConfig;

    TopicCatalog(List<TopicSpec> topics, Map<String, String> changelogConfig) {
        this.topics = List.copyOf(topics);
        this.changelogConfig = Collections.unmodifiableMap(changelogConfig);
    }

    /** The catalog shipped with this build. */
    public static TopicCatalog standard() {
        return STANDARD;
    }

    static TopicCatalog load() {
        try (InputStream in = TopicCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("topic catalog " + RESOURCE + " missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic catalog " + RESOURCE, e);
        }
    }

    /** Parses a catalog in the topics.yaml format. */
    public static TopicCatalog parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode defaults = root.path("defaults");
        int defaultPartitions = defaults.path("partitions").asInt(12);
        short defaultRf = (short) defaults.path("replicationFactor").asInt(3);
        List<TopicSpec> specs = new ArrayList<>();
        for (JsonNode t : root.path("topics")) {
            String name = required(t, "name");
            specs.add(new TopicSpec(name, required(t, "role"), required(t, "value"), t.path("doc").asText(""),
                    t.path("partitions").asInt(defaultPartitions),
                    (short) t.path("replicationFactor").asInt(defaultRf), stringMap(t.path("config"))));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("topic catalog declares no topics");
        }
        return new TopicCatalog(specs, stringMap(root.path("changelog").path("config")));
    }

    private static String required(JsonNode node, String field) {
        String v = node.path(field).asText(null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("topic catalog entry " + node + " lacks '" + field + "'");
        }
        return v;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    public List<TopicSpec> topics() {
        return topics;
    }

    public Optional<TopicSpec> byRole(String role) {
        return topics.stream().filter(t -> t.role().equals(role)).findFirst();
    }

    public TopicSpec requireRole(String role) {
        return byRole(role).orElseThrow(() -> new IllegalArgumentException(
                "topic catalog has no topic with role '" + role + "'"));
    }

    /** Topic configs for state-store changelogs (Kafka Streams sets compaction itself). */
    public Map<String, String> changelogConfig() {
        return changelogConfig;
    }

    /**
     * The catalog's topics as admin requests; {@code replicationFactor} overrides the catalog's
     * (1 on the embedded or single-node broker), or null keeps it.
     */
    public List<NewTopic> newTopics(Short replicationFactor) {
        return topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(),
                        replicationFactor != null ? replicationFactor : t.replicationFactor()).configs(t.config()))
                .toList();
    }
}
