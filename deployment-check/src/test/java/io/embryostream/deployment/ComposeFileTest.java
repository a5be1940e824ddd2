package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.classifier.app.ClassifierConfig;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the Dockerfiles, the services' settings, Prometheus and the catalog. */
class ComposeFileTest {

    /** The settings each application service reads; ingest runs simulate, which reads the clinic secret and Kafka's. */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "classifier", ClassifierConfig.defaults(),
            "classifier-gpu", ClassifierConfig.defaults(),
            "alerts", AlertDeliveryConfig.defaults(),
            "ingest", Map.of("clinic.secret", ""));

    private final JsonNode services = RepoFiles.yaml("docker-compose.yml").path("services");

    @Test
    void everyBuildNamesADockerfileAndStageThatExist() {
        services.fields().forEachRemaining(s -> {
            JsonNode build = s.getValue().path("build");
            if (build.isMissingNode()) {
                return;
            }
            String dockerfile = build.path("dockerfile").asText();
            assertThat(Files.isRegularFile(RepoFiles.root().resolve(dockerfile))).as(s.getKey() + ": " + dockerfile)
                    .isTrue();
            if (build.has("target")) {
                assertThat(RepoFiles.stages(dockerfile)).as(s.getKey()).contains(build.path("target").asText());
            }
            assertThat(s.getValue().path("image").asText()).as(s.getKey() + " image")
                    .startsWith("embryo-stream/" + s.getKey() + ":");
        });
    }

    @Test
    void everyEnvironmentVariableIsASettingTheServiceReads() {
        SETTINGS.forEach((service, defaults) -> environment(service).forEach((name, value) -> {
            assertThat(name).as(service).startsWith("EMBRYO_");
            assertThat(RepoFiles.settingOf(name, defaults)).as(service + " reads no setting named " + name).isPresent();
        }));
    }

    @Test
    void prometheusScrapesThePortEachServiceServesMetricsOn() {
        JsonNode jobs = RepoFiles.yaml("ops/prometheus/prometheus.yml").path("scrape_configs");
        assertThat(jobs).isNotEmpty();
        for (JsonNode job : jobs) {
            for (JsonNode target : job.path("static_configs").get(0).path("targets")) {
                String[] hostPort = target.asText().split(":");
                String service = hostPort[0];
                assertThat(services.has(service)).as("scrape target " + target.asText() + " is a compose service")
                        .isTrue();
                String port = environment(service).getOrDefault("EMBRYO_METRICS_PORT",
                        SETTINGS.get(service).get("metrics.port"));
                assertThat(port).as(service + " metrics port").isEqualTo(hostPort[1]);
                JsonNode build = services.path(service).path("build");
                assertThat(RepoFiles.exposedPort(build.path("dockerfile").asText(),
                        build.has("target") ? build.path("target").asText() : null))
                        .as(service + " Dockerfile EXPOSE").isEqualTo(Integer.parseInt(hostPort[1]));
            }
        }
    }

    @Test
    void theTopicInitRunsTheGeneratedScriptBeforeTheApplications() {
        JsonNode init = services.path("topics-init");
        assertThat(init.path("volumes").get(0).asText())
                .startsWith("./" + DeploymentFiles.COMPOSE_TOPIC_INIT + ":");
        for (String app : SETTINGS.keySet()) {
            assertThat(services.path(app).path("depends_on").path("topics-init").path("condition").asText())
                    .as(app).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theGpuClassifierReservesAGpuInItsOwnProfile() {
        JsonNode gpu = services.path("classifier-gpu");
        assertThat(gpu.path("profiles").get(0).asText()).isEqualTo("gpu");
        JsonNode device = gpu.path("deploy").path("resources").path("reservations").path("devices").get(0);
        assertThat(device.path("driver").asText()).isEqualTo("nvidia");
        assertThat(device.path("capabilities").get(0).asText()).isEqualTo("gpu");
        assertThat(environment("classifier-gpu")).containsEntry("EMBRYO_INFERENCE_PROVIDER", "CUDA");
    }

    @Test
    void mountedConfigurationFilesExist() {
        services.fields().forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith("./") && !source.equals("./models")) {
                assertThat(Files.exists(RepoFiles.root().resolve(source.substring(2)))).as(s.getKey() + " mounts "
                        + source).isTrue();
            }
        }));
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        services.path(service).path("environment").fields().forEachRemaining(e -> {
            if (e.getKey().equals("<<")) {
                // a YAML merge key (<<: *kafka-client): its entries belong to this map
                e.getValue().fields().forEachRemaining(m -> env.put(m.getKey(), m.getValue().asText()));
            } else {
                env.put(e.getKey(), e.getValue().asText());
            }
        });
        return env;
    }
}
