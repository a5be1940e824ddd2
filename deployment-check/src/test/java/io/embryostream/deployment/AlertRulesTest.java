package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alerting rules under promtool, with the series labels each deployment target produces: the
 * same test cases ({@value #TESTS}) run against compose's rule file with compose's scrape labels, and
 * against each overlay's rendered PrometheusRule with the labels of its rendered PodMonitors.
 */
class AlertRulesTest {

    static final String TESTS = "ops/prometheus/tests/embryo-stream.test.yml";
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z][a-z-]*)(?::(labels)|\\.([a-z_]+))?}");
    private static final Path WORK = Path.of("target", "promtool");

    @Test
    void everyAlertRuleHasAFiringAndASilentTest() {
        Set<String> rules = alertNames(RepoFiles.yaml(DeploymentFiles.RULES));
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        JsonNode tests = RepoFiles.yamlText(expand(RepoFiles.read(TESTS), "RULE_FILE",
                ScrapeTargets.compose(RepoFiles.yaml("ops/prometheus/prometheus.yml"))));
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode t : test.path("alert_rule_test")) {
                (t.path("exp_alerts").isEmpty() ? silent : firing).add(t.path("alertname").asText());
            }
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(11);
        assertThat(firing).as("alerts tested firing in " + TESTS).containsAll(rules);
        assertThat(silent).as("alerts tested silent in " + TESTS).containsAll(rules);
        assertThat(firing).as("tests of alerts that no rule defines").isSubsetOf(rules);
    }

    @Test
    void bothTargetsLabelTheServicesWithTheJobsTheRulesMatch() {
        Map<String, Map<String, String>> compose = ScrapeTargets.compose(RepoFiles.yaml("ops/prometheus/prometheus.yml"));
        Map<String, Map<String, String>> k8s = ScrapeTargets.kubernetes(KubernetesManifestsTest.rendered("cpu"));
        assertThat(compose).containsOnlyKeys("classifier", "classifier-gpu", "alerts", "ingest", "view");
        assertThat(k8s).containsOnlyKeys("classifier", "alerts", "ingest", "view");
        for (var target : List.of(compose, k8s)) {
            assertThat(target.get("ingest")).containsEntry("job", "ingest");
            assertThat(target.get("view")).containsEntry("job", "view");
        }
        for (var labels : List.of(compose.get("classifier"), compose.get("classifier-gpu"), k8s.get("classifier"))) {
            assertThat(labels).containsEntry("job", "classifier");
        }
        assertThat(compose.get("alerts")).containsEntry("job", "alerts");
        assertThat(k8s.get("alerts")).containsEntry("job", "alerts").containsEntry("namespace", "embryo-stream")
                .containsEntry("endpoint", "metrics").containsKeys("pod", "container", "instance");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose", "cpu", "gpu"})
    void promtoolTestsPassWithTheLabelsOfTheTarget(String target) throws Exception {
        Path dir = WORK.resolve(target).toAbsolutePath();
        Files.createDirectories(dir);
        Path rules = dir.resolve("rules.yml");
        Map<String, Map<String, String>> labels;
        if (target.equals("compose")) {
            Files.writeString(rules, RepoFiles.read(DeploymentFiles.RULES));
            labels = ScrapeTargets.compose(RepoFiles.yaml("ops/prometheus/prometheus.yml"));
        } else {
            List<JsonNode> rendered = KubernetesManifestsTest.rendered(target);
            JsonNode rule = rendered.stream().filter(d -> d.path("kind").asText().equals("PrometheusRule")).findFirst()
                    .orElseThrow(() -> new AssertionError("overlay " + target + " has no PrometheusRule"));
            ObjectNode file = RepoFiles.YAML.createObjectNode();
            file.set("groups", rule.path("spec").path("groups"));
            RepoFiles.YAML.writeValue(rules.toFile(), file);
            labels = ScrapeTargets.kubernetes(rendered);
        }
        assertThat(alertNames(RepoFiles.yaml(DeploymentFiles.RULES))).isEqualTo(alertNames(RepoFiles.YAML.readTree(rules.toFile())));
        Path tests = dir.resolve("embryo-stream.test.yml");
        Files.writeString(tests, expand(RepoFiles.read(TESTS), rules.toString(), labels));
        Result r = promtool(dir, "test", "rules", tests.toString());
        assertThat(r.exit).as("promtool test rules " + tests + " (" + target + " labels " + labels + "):\n" + r.output)
                .isZero();
        assertThat(r.output).contains("SUCCESS");
    }

    /** The template with RULE_FILE and every ${service...} token replaced by that target's labels. */
    static String expand(String template, String ruleFile, Map<String, Map<String, String>> labels) {
        Matcher m = TOKEN.matcher(template.replace("RULE_FILE", ruleFile));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Map<String, String> l = labels.get(m.group(1));
            if (l == null) {
                throw new AssertionError(TESTS + " uses ${" + m.group(1) + "}, which this target does not scrape: "
                        + labels.keySet());
            }
            String replacement;
            if (m.group(3) != null) {
                replacement = l.get(m.group(3));
                if (replacement == null) {
                    throw new AssertionError(m.group(1) + " series have no label " + m.group(3) + ": " + l);
                }
            } else if (m.group(2) != null) {
                replacement = l.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                        .collect(Collectors.joining(", "));
            } else {
                replacement = l.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(", "));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Set<String> alertNames(JsonNode rulesFile) {
        Set<String> names = new TreeSet<>();
        rulesFile.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("alert")) {
                names.add(r.path("alert").asText());
            }
        }));
        return names;
    }

    private record Result(int exit, String output) {
    }

    /** Runs Debian's promtool; CI installs it (.ci/run), elsewhere the test is skipped without it. */
    private static Result promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("promtool is not installed: apt-get install prometheus", e);
            }
            Assumptions.abort("promtool is not installed (apt-get install prometheus); CI runs these tests");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 120 s: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
