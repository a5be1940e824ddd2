package io.embryostream.topics;

import java.util.Map;

/** One topic of the catalog, as declared in topics.yaml. */
public record TopicSpec(String name, String role, String valueType, String doc, int partitions,
                        short replicationFactor, Map<String, String> config) {
}
