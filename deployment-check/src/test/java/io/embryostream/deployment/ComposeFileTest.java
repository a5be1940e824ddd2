package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.launcher.IngestSettings;
import io.embryostream.view.ViewConfig;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the Dockerfiles, the services' settings, Prometheus and the catalog. */
class ComposeFileTest {

    /** The settings each application service reads; simulate reads the clinic secret and Kafka's. */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "classifier", ClassifierConfig.defaults(),
            "classifier-gpu", ClassifierConfig.defaults(),
            "alerts", AlertDeliveryConfig.defaults(),
            "ingest", IngestSettings.defaults(),
            "view", ViewConfig.defaults(),
            "simulate", Map.of("clinic.secret", ""));

    /** The setting that holds the port of each JVM service's /metrics and /health. */
    private static String metricsPortSetting(String service) {
        return service.equals("view") ? "view.http.port" : "metrics.port";
    }

    private String metricsPort(String service) {
        String setting = metricsPortSetting(service);
        return environment(service).getOrDefault(io.embryostream.config.Settings.envName(setting),
                SETTINGS.get(service).get(setting));
    }

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
        Map<String, String> scraped = scrapeTargets();
        assertThat(scraped).containsOnlyKeys("classifier", "classifier-gpu", "alerts", "ingest", "view");
        scraped.forEach((service, target) -> {
            String scrapedPort = target.split(":")[1];
            assertThat(services.has(service)).as("scrape target " + target + " is a compose service").isTrue();
            assertThat(metricsPort(service)).as(service + " metrics port").isEqualTo(scrapedPort);
            JsonNode build = services.path(service).path("build");
            assertThat(RepoFiles.exposedPort(build.path("dockerfile").asText(),
                    build.has("target") ? build.path("target").asText() : null))
                    .as(service + " Dockerfile EXPOSE").isEqualTo(Integer.parseInt(scrapedPort));
        });
    }

    /**
     * A service that runs only under a profile is found by DNS, never a static target: a static
     * target that does not resolve is a target that is down, and its Down alert would fire forever.
     */
    @Test
    void servicesOfAProfileAreScrapedOnlyWhenTheyRun() {
        for (JsonNode job : RepoFiles.yaml("ops/prometheus/prometheus.yml").path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode target : sc.path("targets")) {
                    String service = target.asText().split(":")[0];
                    assertThat(services.path(service).has("profiles")).as(service + " runs only under a profile but is"
                            + " a static target of job " + job.path("job_name").asText()).isFalse();
                }
            }
        }
        assertThat(services.path("classifier-gpu").has("profiles")).isTrue();
        assertThat(scrapeTargets()).containsKey("classifier-gpu");
    }

    /** Service name -> host:port of every static or DNS-discovered scrape target. */
    private static Map<String, String> scrapeTargets() {
        Map<String, String> targets = new HashMap<>();
        for (JsonNode job : RepoFiles.yaml("ops/prometheus/prometheus.yml").path("scrape_configs")) {
            job.path("static_configs").forEach(sc -> sc.path("targets").forEach(t ->
                    targets.put(t.asText().split(":")[0], t.asText())));
            job.path("dns_sd_configs").forEach(dns -> dns.path("names").forEach(n ->
                    targets.put(n.asText(), n.asText() + ":" + dns.path("port").asText())));
        }
        return targets;
    }

    /**
     * Every long-running service has a healthcheck; the JVM services check their own /health with the
     * image's {@code embryo-stream health} (no curl in the images), on the port they serve it on.
     */
    @Test
    void everyLongRunningServiceHasAHealthcheckOnTheRightPort() {
        java.util.List<String> checked = new java.util.ArrayList<>();
        services.fields().forEachRemaining(s -> {
            String name = s.getKey();
            if (name.equals("topics-init") || name.equals("webhook-receiver") || name.equals("simulate")) {
                // a one-shot job, a stand-in for the clinic's own system, and the demo's synthetic source
                // (no endpoint to check; compose restarts it should it exit)
                return;
            }
            JsonNode test = s.getValue().path("healthcheck").path("test");
            assertThat(test.isArray()).as(name + " has a healthcheck").isTrue();
            if (SETTINGS.containsKey(name) && !name.equals("simulate")) {
                java.util.List<String> command = new java.util.ArrayList<>();
                test.forEach(t -> command.add(t.asText()));
                assertThat(command).as(name).containsSequence("java", "-jar", "/app/embryo-stream.jar", "health")
                        .contains("http://localhost:" + metricsPort(name) + "/health");
            }
            checked.add(name);
        });
        assertThat(checked).contains("kafka", "ingest", "classifier", "classifier-gpu", "alerts", "view",
                "prometheus", "grafana");
    }

    @Test
    void theIngestWatchesTheIncubatorFolderAndTheSyntheticIncubatorRunsOnlyInTheDemoProfile() {
        JsonNode ingest = services.path("ingest");
        assertThat(ingest.path("build").path("target").asText()).isEqualTo("ingest");
        assertThat(ingest.path("command").toString()).isEqualTo(
                "[\"ingest\",\"--watch\",\"/incubator\",\"--checkpoint\",\"/var/lib/embryo-stream/watch.checkpoint\"]");
        assertThat(ingest.path("volumes").get(0).asText()).isEqualTo("./incubator:/incubator:ro");
        assertThat(ingest.path("volumes").get(1).asText()).as("the checkpoint outlives the container")
                .isEqualTo("ingest-state:/var/lib/embryo-stream");
        assertThat(services.path("simulate").path("profiles").get(0).asText()).isEqualTo("demo");
        assertThat(services.path("view").path("ports").get(0).asText()).isEqualTo("127.0.0.1:8080:" + metricsPort("view"));
    }

    /** An image's ENV sets only settings its command reads (a stray one would be listed as ignored at start). */
    @Test
    void imagesSetOnlySettingsTheirCommandReads() {
        Map<String, Map<String, String>> stages = Map.of("docker/Dockerfile:classifier", SETTINGS.get("classifier"),
                "docker/Dockerfile:alerts", SETTINGS.get("alerts"), "docker/Dockerfile:simulate", SETTINGS.get("simulate"),
                "docker/Dockerfile:ingest", SETTINGS.get("ingest"), "docker/Dockerfile:view", SETTINGS.get("view"),
                "docker/classifier-gpu.Dockerfile:", SETTINGS.get("classifier-gpu"));
        stages.forEach((stage, defaults) -> {
            String[] fileAndStage = stage.split(":", -1);
            java.util.List<String> names = RepoFiles.embryoEnv(fileAndStage[0],
                    fileAndStage[1].isEmpty() ? null : fileAndStage[1]);
            names.forEach(name -> assertThat(RepoFiles.settingOf(name, defaults)).as(stage + " sets " + name).isPresent());
        });
        assertThat(RepoFiles.embryoEnv("docker/Dockerfile", "classifier")).contains("EMBRYO_MODEL_DIR");
    }

    @Test
    void theBrokerImageIsTheKafkaVersionOfTheClients() {
        String clients = org.apache.kafka.common.utils.AppInfoParser.getVersion();
        services.fields().forEachRemaining(s -> {
            String image = s.getValue().path("image").asText();
            if (image.startsWith("apache/kafka:")) {
                assertThat(image).as(s.getKey()).isEqualTo("apache/kafka:" + clients);
            }
        });
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
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
            // ./models and ./incubator are the operator's data (a model, the incubator's folder), not the repo's
            if (source.startsWith("./") && !source.equals("./models") && !source.equals("./incubator")) {
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
