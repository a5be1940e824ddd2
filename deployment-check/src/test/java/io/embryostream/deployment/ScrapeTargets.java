package io.embryostream.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target labels Prometheus gives each service's series, derived from the scrape configuration
 * that is deployed: compose's {@code prometheus.yml}, and on Kubernetes the rendered PodMonitors
 * with the pods they select, labelled as Prometheus Operator 0.93's generatePodMonitorConfig does
 * (namespace, container, pod, job = the pod's {@code jobLabel} value or {@code <namespace>/<name>},
 * endpoint = the port name, podTargetLabels sanitized; instance = the pod's address and port).
 * Keyed by service: the compose service, or the pod's {@code app.kubernetes.io/name}.
 */
final class ScrapeTargets {

    private static final String POD_IP = "10.244.1.17";
    private static final String CONTAINER_IP = "172.18.0.5";

    private ScrapeTargets() {
    }

    /** Compose: job is the job_name; instance the static target, or the DNS name as the relabelling sets it. */
    static Map<String, Map<String, String>> compose(JsonNode prometheusConfig) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode job : prometheusConfig.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode target : sc.path("targets")) {
                    out.put(target.asText().split(":")[0], labels("job", name, "instance", target.asText()));
                }
            }
            for (JsonNode dns : job.path("dns_sd_configs")) {
                String port = dns.path("port").asText();
                String replacement = null;
                for (JsonNode r : job.path("relabel_configs")) {
                    if (r.path("target_label").asText().equals("instance")
                            && r.path("source_labels").toString().equals("[\"__meta_dns_name\"]")) {
                        replacement = r.path("replacement").asText("$1");
                    }
                }
                for (JsonNode host : dns.path("names")) {
                    String instance = replacement == null ? CONTAINER_IP + ":" + port
                            : replacement.replace("${1}", host.asText()).replace("$1", host.asText());
                    out.put(host.asText(), labels("job", name, "instance", instance));
                }
            }
        }
        return out;
    }

    /** Kubernetes: every PodMonitor endpoint of the rendered overlay, with the pods it selects. */
    static Map<String, Map<String, String>> kubernetes(List<JsonNode> rendered) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode monitor : rendered) {
            if (!monitor.path("kind").asText().equals("PodMonitor")) {
                continue;
            }
            JsonNode spec = monitor.path("spec");
            String namespace = monitor.path("metadata").path("namespace").asText();
            for (JsonNode workload : rendered) {
                if (!List.of("Deployment", "StatefulSet").contains(workload.path("kind").asText())) {
                    continue;
                }
                JsonNode template = workload.path("spec").path("template");
                JsonNode podLabels = template.path("metadata").path("labels");
                if (!RepoFiles.selects(spec.path("selector").path("matchLabels"), podLabels)) {
                    continue;
                }
                for (JsonNode endpoint : spec.path("podMetricsEndpoints")) {
                    String port = endpoint.path("port").asText();
                    for (JsonNode container : template.path("spec").path("containers")) {
                        for (JsonNode p : container.path("ports")) {
                            if (!p.path("name").asText().equals(port)) {
                                continue;
                            }
                            Map<String, String> l = new LinkedHashMap<>();
                            String jobLabel = spec.path("jobLabel").asText("");
                            String podJob = jobLabel.isEmpty() ? "" : podLabels.path(jobLabel).asText("");
                            l.put("job", podJob.isEmpty() ? namespace + "/" + monitor.path("metadata").path("name").asText()
                                    : podJob);
                            l.put("instance", POD_IP + ":" + p.path("containerPort").asText());
                            l.put("namespace", namespace);
                            l.put("pod", podName(workload));
                            l.put("container", container.path("name").asText());
                            l.put("endpoint", port);
                            for (JsonNode copied : spec.path("podTargetLabels")) {
                                String value = podLabels.path(copied.asText()).asText("");
                                if (!value.isEmpty()) {
                                    l.put(copied.asText().replaceAll("[^a-zA-Z0-9_]", "_"), value);
                                }
                            }
                            out.put(podLabels.path("app.kubernetes.io/name").asText(), l);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String podName(JsonNode workload) {
        String name = workload.path("metadata").path("name").asText();
        return workload.path("kind").asText().equals("StatefulSet") ? name + "-0" : name + "-7d4b9c8f6d-x5v2k";
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
