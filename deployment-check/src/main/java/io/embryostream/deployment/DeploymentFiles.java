package io.embryostream.deployment;

import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the deployment files that are derived, never edited by hand: the docker-compose topic
 * init script and the Strimzi KafkaTopics, both from the topic catalog, and the copy of the
 * Grafana dashboard the k8s ConfigMap is generated from and the alerting rules as a PrometheusRule
 * (kustomize cannot read files above its folder).
 * {@code GeneratedFilesTest} fails when a checked-in copy differs from what this writes.
 *
 * <p>Run: {@code ./ops/ci/generate-deployment-files.sh} (or this class's main with the repository root).
 */
public final class DeploymentFiles {

    public static final String COMPOSE_TOPIC_INIT = "ops/compose/create-topics.sh";
    public static final String K8S_TOPICS = "k8s/base/kafka/kafka-topics.yaml";
    public static final String DASHBOARD = "ops/grafana/dashboards/embryo-stream.json";
    public static final String K8S_DASHBOARD = "k8s/base/grafana/embryo-stream.json";
    public static final String RULES = "ops/prometheus/rules/embryo-stream.yml";
    public static final String K8S_RULES = "k8s/base/monitoring/prometheus-rule.yaml";
    /** The Strimzi cluster the KafkaTopics belong to (label strimzi.io/cluster). */
    public static final String KAFKA_CLUSTER = "embryo-kafka";

    private static final String HEADER = "GENERATED from schemas/src/main/resources/io/embryostream/topics/topics.yaml"
            + " by io.embryostream.deployment.DeploymentFiles; do not edit (./ops/ci/generate-deployment-files.sh).";

    private DeploymentFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (Map.Entry<String, String> f : render(root, TopicCatalog.standard()).entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + f.getKey());
        }
    }

    /** Every derived file, by path relative to the repository root, with its content. */
    public static Map<String, String> render(Path root, TopicCatalog catalog) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(COMPOSE_TOPIC_INIT, composeTopicInit(catalog));
        files.put(K8S_TOPICS, kafkaTopics(catalog));
        files.put(K8S_DASHBOARD, Files.readString(root.resolve(DASHBOARD), StandardCharsets.UTF_8));
        files.put(K8S_RULES, prometheusRule(Files.readString(root.resolve(RULES), StandardCharsets.UTF_8)));
        return files;
    }

    /**
     * A script for the apache/kafka image: creates every catalog topic with its partitions and
     * configs, replication factor 1 (single-node compose), keeping topics that exist.
     */
    static String composeTopicInit(TopicCatalog catalog) {
        StringBuilder sb = new StringBuilder();
        sb.append("#!/bin/bash\n# ").append(HEADER).append("\n");
        sb.append("# Runs once in the apache/kafka image; BOOTSTRAP names the broker.\n");
        sb.append("set -euo pipefail\n");
        sb.append("topics=/opt/kafka/bin/kafka-topics.sh\n");
        for (TopicSpec t : catalog.topics()) {
            sb.append("\"$topics\" --bootstrap-server \"${BOOTSTRAP:-kafka:9092}\" --create --if-not-exists \\\n")
                    .append("  --topic ").append(t.name()).append(" --partitions ").append(t.partitions())
                    .append(" --replication-factor 1");
            t.config().forEach((k, v) -> sb.append(" \\\n  --config ").append(k).append('=').append(v));
            sb.append("\n");
        }
        sb.append("echo \"topics ready: ").append(catalog.topics().stream().map(TopicSpec::name)
                .collect(Collectors.joining(" "))).append("\"\n");
        return sb.toString();
    }

    /** The compose alerting rules as a Prometheus Operator PrometheusRule (same groups, indented under spec). */
    static String prometheusRule(String rulesFile) {
        StringBuilder sb = new StringBuilder("# GENERATED from ").append(RULES)
                .append(" by io.embryostream.deployment.DeploymentFiles; do not edit.\n")
                .append("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n")
                .append("  name: embryo-stream\nspec:\n");
        rulesFile.lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> sb.append(l.isBlank() ? "" : "  " + l).append('\n'));
        return sb.toString();
    }

    /** Strimzi KafkaTopics with the catalog's partitions, replication factor and configs. */
    static String kafkaTopics(TopicCatalog catalog) {
        StringBuilder sb = new StringBuilder("# ").append(HEADER).append("\n");
        for (TopicSpec t : catalog.topics()) {
            sb.append("---\n");
            sb.append("apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata:\n");
            sb.append("  name: ").append(t.name().replace('.', '-')).append('\n');
            sb.append("  labels:\n    strimzi.io/cluster: ").append(KAFKA_CLUSTER).append('\n');
            sb.append("    app.kubernetes.io/part-of: embryo-stream\n");
            sb.append("    embryo-stream/topic-role: ").append(t.role()).append('\n');
            sb.append("spec:\n  topicName: ").append(t.name()).append('\n');
            sb.append("  partitions: ").append(t.partitions()).append('\n');
            sb.append("  replicas: ").append(t.replicationFactor()).append('\n');
            sb.append("  config:\n");
            t.config().forEach((k, v) -> sb.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        }
        return sb.toString();
    }
}
