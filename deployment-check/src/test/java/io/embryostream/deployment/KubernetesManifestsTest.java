package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.launcher.IngestSettings;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.TopicSpec;
import io.embryostream.topics.Topics;
import io.embryostream.view.ViewConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay, rendered by kubectl kustomize, against the applications, Dockerfiles and catalog. */
class KubernetesManifestsTest {

    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "classifier", ClassifierConfig.defaults(),
            "alerts", AlertDeliveryConfig.defaults(),
            "ingest", IngestSettings.defaults(),
            "view", ViewConfig.defaults(),
            "simulate", Map.of("clinic.secret", ""));

    /** The command each container runs (its first argument). */
    private static final Map<String, String> COMMANDS = Map.of("classifier", "classify", "alerts", "alerts",
            "ingest", "ingest", "view", "view", "simulate", "simulate");

    /** Each overlay rendered once per test run. */
    private static final Map<String, List<JsonNode>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int FRAMES_PARTITIONS = Topics.FRAMES.spec().partitions();

    /** The CRDs of Strimzi 1.2.0, KEDA 2.20.2 and Prometheus Operator 0.93.0, unmodified. */
    static final OperatorSchemas OPERATORS = OperatorSchemas.load(RepoFiles.testResource("operator-crds"));

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "demo"})
    void everyCustomResourceIsAServedVersionAndPassesItsOperatorsSchema(String overlay) {
        List<String> violations = new ArrayList<>();
        Set<String> kinds = new HashSet<>();
        for (JsonNode d : rendered(overlay)) {
            String apiVersion = d.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (!group.contains(".") || group.endsWith(".k8s.io")) {
                continue;   // a core Kubernetes kind: no CRD
            }
            assertThat(OPERATORS.defines(d)).as(d.path("kind").asText() + " " + apiVersion
                    + ": no CRD of this group is in src/test/resources/operator-crds").isTrue();
            violations.addAll(OPERATORS.violations(d));
            kinds.add(d.path("kind").asText());
        }
        assertThat(violations).as("objects a cluster with these operators refuses").isEmpty();
        assertThat(kinds).containsExactlyInAnyOrder("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser",
                "ScaledObject", "TriggerAuthentication", "PodMonitor", "PrometheusRule");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void strimziRunsTheKafkaVersionOfTheClients(String overlay) {
        JsonNode kafka = named(overlay, "Kafka", DeploymentFiles.KAFKA_CLUSTER).path("spec").path("kafka");
        String clients = org.apache.kafka.common.utils.AppInfoParser.getVersion();
        assertThat(kafka.path("version").asText()).isEqualTo(clients);
        assertThat(clients).startsWith(kafka.path("metadataVersion").asText() + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void stateIsReplicatedThreeTimesAndAcknowledgedByTwoBrokers(String overlay) {
        JsonNode config = named(overlay, "Kafka", DeploymentFiles.KAFKA_CLUSTER).path("spec").path("kafka").path("config");
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        int brokers = of(overlay, "KafkaNodePool").filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        assertThat(brokers).isGreaterThanOrEqualTo(3);
        Map<String, String> env = env(container(overlay, "StatefulSet", "classifier"));
        assertThat(env.getOrDefault("EMBRYO_CLASSIFIER_REPLICATION_FACTOR",
                ClassifierConfig.defaults().get("classifier.replication.factor"))).as("changelog replication").isEqualTo("3");
        assertThat(TopicCatalog.standard().changelogConfig()).as("no changelog override of the broker's ISR")
                .doesNotContainKey("min.insync.replicas");
        TopicCatalog.standard().topics().forEach(t -> assertThat(t.config()).as(t.name())
                .doesNotContainKey("min.insync.replicas"));
    }

    static List<String> brokenFixtures() throws java.io.IOException {
        try (var files = Files.list(RepoFiles.testResource("invalid-manifests"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(6);
            return names;
        }
    }

    /** Each file of src/test/resources/invalid-manifests carries one defect and the message it must get. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("brokenFixtures")
    void theSchemaCheckRefusesEachBrokenFixture(String fixture) {
        String text = RepoFiles.readPath(RepoFiles.testResource("invalid-manifests").resolve(fixture));
        String expected = text.lines().filter(l -> l.startsWith("# expect: ")).findFirst()
                .orElseThrow(() -> new AssertionError(fixture + " has no '# expect: ' line")).substring("# expect: ".length());
        JsonNode object = RepoFiles.yamlText(text);
        assertThat(OPERATORS.defines(object)).as(fixture).isTrue();
        assertThat(OPERATORS.violations(object)).as(fixture).anySatisfy(v -> assertThat(v).contains(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaTopicsAreTheCatalogs(String overlay) {
        Map<String, JsonNode> topics = new HashMap<>();
        of(overlay, "KafkaTopic").forEach(t -> topics.put(t.path("spec").path("topicName").asText(), t.path("spec")));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                TopicCatalog.standard().topics().stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : TopicCatalog.standard().topics()) {
            JsonNode t = topics.get(spec.name());
            assertThat(t.path("partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(t.path("replicas").asInt()).as(spec.name()).isEqualTo(spec.replicationFactor());
            Map<String, String> config = new HashMap<>();
            t.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(config).as(spec.name()).isEqualTo(spec.config());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theClassifierIsAStatefulSetWithinThePartitionCountWithStandbysProbesAndLimits(String overlay) {
        JsonNode sts = named(overlay, "StatefulSet", "classifier");
        assertThat(sts.path("spec").path("replicas").asInt()).isBetween(1, FRAMES_PARTITIONS);
        JsonNode c = sts.path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = env(c);
        assertThat(Integer.parseInt(env.get("EMBRYO_CLASSIFIER_STANDBY_REPLICAS"))).isGreaterThanOrEqualTo(1);
        String stateDir = env.get("EMBRYO_CLASSIFIER_STATE_DIR");
        String claim = sts.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        assertThat(mountPath(c, claim)).as("state directory on the persistent volume").isEqualTo(stateDir);
        assertHealthProbes(c, env, ClassifierConfig.defaults());
        assertThat(c.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(c.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(named(overlay, "PodDisruptionBudget", "classifier").path("spec").path("selector").path("matchLabels"))
                .isEqualTo(sts.path("spec").path("selector").path("matchLabels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void autoscalingFollowsTheClassifiersLagAndStopsAtThePartitionCount(String overlay) {
        JsonNode so = named(overlay, "ScaledObject", "classifier").path("spec");
        assertThat(so.path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(so.path("scaleTargetRef").path("name").asText()).isEqualTo("classifier");
        assertThat(so.path("maxReplicaCount").asInt()).isLessThanOrEqualTo(FRAMES_PARTITIONS);
        JsonNode trigger = so.path("triggers").get(0).path("metadata");
        assertThat(trigger.path("topic").asText()).isEqualTo(Topics.FRAMES.name());
        assertThat(trigger.path("consumerGroup").asText()).isEqualTo(classifierApplicationId(overlay));
        assertThat(named(overlay, "TriggerAuthentication", so.path("triggers").get(0).path("authenticationRef")
                .path("name").asText())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "demo"})
    void containersSetOnlySettingsTheirApplicationReadsAndUseImagesThatAreBuilt(String overlay) {
        Set<String> dockerTargets = RepoFiles.stages("docker/Dockerfile");
        Map<String, String> configMapEnv = new HashMap<>();
        of(overlay, "ConfigMap").filter(m -> m.path("metadata").path("name").asText().equals("kafka-client"))
                .forEach(m -> m.path("data").fields().forEachRemaining(e -> configMapEnv.put(e.getKey(),
                        e.getValue().asText())));
        List<String> checked = new ArrayList<>();
        workloads(overlay).forEach(w -> {
            for (JsonNode c : w.path("spec").path("template").path("spec").path("containers")) {
                String app = c.path("name").asText();
                Map<String, String> defaults = SETTINGS.get(app);
                assertThat(defaults).as("container " + app + " is an embryo-stream application").isNotNull();
                Map<String, String> env = new HashMap<>(configMapEnv);
                env.putAll(env(c));
                env.keySet().forEach(name -> {
                    if (!name.startsWith("EMBRYO_")) {
                        // a pod field (POD_NAME) that a setting's value refers to as $(NAME)
                        assertThat(env.values()).as(app + ": " + name + " is used by a setting")
                                .anyMatch(v -> v != null && v.contains("$(" + name + ")"));
                        return;
                    }
                    assertThat(RepoFiles.settingOf(name, defaults)).as(app + " reads no setting named " + name)
                            .isPresent();
                });
                assertThat(c.path("args").get(0).asText()).as(app + " command").isEqualTo(COMMANDS.get(app));
                String image = c.path("image").asText();
                String repository = image.substring(0, image.indexOf(':'));
                String target = repository.substring("embryo-stream/".length());
                assertThat(dockerTargets.contains(target)
                        || Files.isRegularFile(RepoFiles.root().resolve("docker/" + target + ".Dockerfile")))
                        .as(image + " is built by docker/Dockerfile or docker/" + target + ".Dockerfile").isTrue();
                checked.add(app);
            }
        });
        assertThat(checked).containsExactlyInAnyOrder("classifier", overlay.equals("demo") ? "simulate" : "ingest",
                "alerts", "view");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theIngestWatchesTheIncubatorFolderReadOnlyAndIsProbedOnItsMetricsPort(String overlay) {
        JsonNode pod = named(overlay, "Deployment", "ingest").path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("image").asText()).startsWith("embryo-stream/ingest:");
        assertThat(c.path("args").get(1).asText()).isEqualTo("--watch");
        assertThat(c.path("args").get(3).asText()).isEqualTo("--checkpoint");
        String checkpoint = c.path("args").get(4).asText();
        assertThat(java.util.stream.StreamSupport.stream(c.path("volumeMounts").spliterator(), false)
                .filter(m -> checkpoint.startsWith(m.path("mountPath").asText() + "/"))
                .map(m -> m.path("name").asText()).findFirst())
                .as("the checkpoint is on a volume of its own, not the read-only folder or the container")
                .hasValueSatisfying(name -> assertThat(java.util.stream.StreamSupport.stream(pod.path("volumes").spliterator(), false)
                        .filter(v -> v.path("name").asText().equals(name)).findFirst().orElseThrow()
                        .path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("ingest-state"));
        String folder = c.path("args").get(2).asText();
        JsonNode mount = null;
        for (JsonNode m : c.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(folder)) {
                mount = m;
            }
        }
        assertThat(mount).as("the watched folder is a mounted volume").isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        String claim = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(mount.path("name").asText())) {
                claim = v.path("persistentVolumeClaim").path("claimName").asText();
            }
        }
        assertThat(named(overlay, "PersistentVolumeClaim", claim).path("spec").path("accessModes").toString())
                .contains("ReadOnlyMany");
        Map<String, String> env = env(c);
        assertThat(env).containsKey("EMBRYO_CLINIC_SECRET");
        assertHealthProbes(c, env, IngestSettings.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "demo"})
    void theViewIsAStatefulSetThatAdvertisesItsPodsDnsNameThroughItsHeadlessService(String overlay) {
        JsonNode sts = named(overlay, "StatefulSet", "view");
        JsonNode c = sts.path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = env(c);
        JsonNode headless = named(overlay, "Service", sts.path("spec").path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(RepoFiles.selects(sts.path("spec").path("template").path("metadata").path("labels"),
                headless.path("spec").path("selector"))).isTrue();
        String namespace = named(overlay, "Namespace", "embryo-stream").path("metadata").path("name").asText();
        assertThat(env.get("EMBRYO_VIEW_ADVERTISED_HOST")).isEqualTo("$(POD_NAME)." + headless.path("metadata")
                .path("name").asText() + "." + namespace + ".svc.cluster.local");
        List<String> order = new ArrayList<>();
        JsonNode podName = null;
        for (JsonNode e : c.path("env")) {
            order.add(e.path("name").asText());
            if (e.path("name").asText().equals("POD_NAME")) {
                podName = e;
            }
        }
        assertThat(podName.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(order.indexOf("POD_NAME")).as("Kubernetes expands $(POD_NAME) only when it is declared before")
                .isLessThan(order.indexOf("EMBRYO_VIEW_ADVERTISED_HOST"));
        String claim = sts.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        assertThat(mountPath(c, claim)).isEqualTo(env.get("EMBRYO_VIEW_STATE_DIR"));
        String port = env.getOrDefault("EMBRYO_VIEW_HTTP_PORT", ViewConfig.defaults().get("view.http.port"));
        JsonNode http = c.path("ports").get(0);
        assertThat(http.path("containerPort").asText()).isEqualTo(port);
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(c.path(probe).path("httpGet").path("path").asText()).isEqualTo("/health");
            assertThat(c.path(probe).path("httpGet").path("port").asText()).isEqualTo(http.path("name").asText());
        }
        assertThat(of(overlay, "PodMonitor").anyMatch(m -> RepoFiles.selects(sts.path("spec").path("template")
                .path("metadata").path("labels"), m.path("spec").path("selector").path("matchLabels")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void podMonitorsSelectPodsByLabelAndScrapeANamedPort(String overlay) {
        List<JsonNode> monitors = of(overlay, "PodMonitor").toList();
        assertThat(monitors).hasSize(4);
        for (JsonNode m : monitors) {
            JsonNode selector = m.path("spec").path("selector").path("matchLabels");
            String port = m.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
            JsonNode pod = workloads(overlay).filter(w -> RepoFiles.selects(w.path("spec").path("template").path("metadata")
                    .path("labels"), selector)).findFirst().orElseThrow(() -> new AssertionError(
                    "PodMonitor " + m.path("metadata").path("name").asText() + " selects no pod"));
            JsonNode c = pod.path("spec").path("template").path("spec").path("containers").get(0);
            Set<String> ports = new HashSet<>();
            c.path("ports").forEach(p -> ports.add(p.path("name").asText()));
            assertThat(ports).contains(port);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaUsersGrantTheCatalogTopicsTheGroupsAndTheTransactionalIdsTheServicesUse(String overlay) {
        Set<String> known = TopicCatalog.standard().topics().stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(known).as("alert delivery's undeliverable topic is in the catalog")
                .contains(AlertDeliveryConfig.defaults().get("alerts.undeliverable.topic"));
        String appId = classifierApplicationId(overlay);
        String viewId = env(container(overlay, "StatefulSet", "view")).getOrDefault("EMBRYO_VIEW_APPLICATION_ID",
                ViewConfig.defaults().get("view.application.id"));
        Set<String> streamsApps = Set.of(appId, viewId);
        Map<String, JsonNode> users = new HashMap<>();
        of(overlay, "KafkaUser").forEach(u -> users.put(u.path("metadata").path("name").asText(), u));
        Set<String> groups = new HashSet<>();
        Set<String> transactionalPrefixes = new HashSet<>();
        users.values().forEach(u -> u.path("spec").path("authorization").path("acls").forEach(acl -> {
            JsonNode r = acl.path("resource");
            switch (r.path("type").asText()) {
                case "topic" -> assertThat(r.path("patternType").asText().equals("prefix")
                        ? streamsApps.contains(r.path("name").asText().replaceAll("-$", ""))
                        : known.contains(r.path("name").asText()))
                        .as("ACL on topic " + r.path("name").asText()).isTrue();
                case "group" -> groups.add(r.path("name").asText());
                case "transactionalId" -> transactionalPrefixes.add(r.path("name").asText());
                default -> throw new AssertionError("unexpected ACL resource " + r);
            }
        }));
        assertThat(groups).contains(appId, viewId,
                env(container(overlay, "Deployment", "alerts")).get("EMBRYO_ALERTS_GROUP_ID"));
        assertThat(transactionalPrefixes).containsExactlyInAnyOrder(appId, viewId, "embryo-stream-replay", "embryo-ingest-");
        for (String app : List.of("classifier", "ingest", "alerts", "view", "operator")) {
            assertThat(users).as("KafkaUser for " + app).containsKey(app);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void theGrafanaDashboardShipsAsAConfigMap(String overlay) {
        JsonNode cm = named(overlay, "ConfigMap", "embryo-stream-dashboard");
        assertThat(cm.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(cm.path("data").path("embryo-stream.json").asText())
                .isEqualTo(RepoFiles.read(DeploymentFiles.DASHBOARD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu"})
    void theGpuOverlayAsksForAGpuOnGpuNodes(String overlay) {
        JsonNode pod = named(overlay, "StatefulSet", "classifier").path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(env(c)).containsEntry("EMBRYO_INFERENCE_PROVIDER", "CUDA");
        assertThat(c.path("image").asText()).startsWith("embryo-stream/classifier-gpu:");
        assertThat(pod.path("nodeSelector").size()).isPositive();
        assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("nvidia.com/gpu");
    }

    private static void assertHealthProbes(JsonNode c, Map<String, String> env, Map<String, String> defaults) {
        String metricsPort = env.getOrDefault("EMBRYO_METRICS_PORT", defaults.get("metrics.port"));
        JsonNode port = null;
        for (JsonNode p : c.path("ports")) {
            if (p.path("name").asText().equals("metrics")) {
                port = p;
            }
        }
        assertThat(port).as("a container port named metrics").isNotNull();
        assertThat(port.path("containerPort").asText()).isEqualTo(metricsPort);
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(c.path(probe).path("httpGet").path("path").asText()).as(probe).isEqualTo("/health");
            assertThat(c.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("metrics");
        }
    }

    private static String classifierApplicationId(String overlay) {
        return env(container(overlay, "StatefulSet", "classifier")).getOrDefault("EMBRYO_CLASSIFIER_APPLICATION_ID",
                ClassifierConfig.defaults().get("classifier.application.id"));
    }

    private static java.util.stream.Stream<JsonNode> of(String overlay, String kind) {
        return rendered(overlay).stream().filter(d -> d.path("kind").asText().equals(kind));
    }

    private static java.util.stream.Stream<JsonNode> workloads(String overlay) {
        return rendered(overlay).stream().filter(d -> Set.of("Deployment", "StatefulSet").contains(d.path("kind").asText()));
    }

    private static JsonNode named(String overlay, String kind, String name) {
        return of(overlay, kind).filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + overlay + " has no " + kind + " " + name));
    }

    private static JsonNode container(String overlay, String kind, String name) {
        return named(overlay, kind, name).path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m.path("mountPath").asText();
            }
        }
        return null;
    }

    static List<JsonNode> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RepoFiles::kustomize);
    }
}
