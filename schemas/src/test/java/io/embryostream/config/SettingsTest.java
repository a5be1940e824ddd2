package io.embryostream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void laterLayersWinAndOriginsAreReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "kafka.bootstrap.servers=file:9092\nbatch.max=64\nclinic.secret=s3cret\n");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("batch.max", "128");
        overrides.put("unset", null);
        Map<String, String> defaults = new HashMap<>(Map.of("batch.max", "32", "threads", "2"));
        defaults.put("clinic.secret", null);
        Settings s = Settings.resolve(defaults, file,
                Map.of("EMBRYO_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "PATH", "/bin"), overrides);

        assertThat(s.get("kafka.bootstrap.servers")).isEqualTo("env:9092");
        assertThat(s.getInt("batch.max")).isEqualTo(128);
        assertThat(s.getInt("threads")).isEqualTo(2);
        assertThat(s.has("unset")).isFalse();
        assertThat(s.describe()).contains("threads = 2  (default)").contains("batch.max = 128  (option)")
                .contains("clinic.secret = ****").doesNotContain("s3cret").doesNotContain("PATH");
        assertThat(Settings.envName("kafka.bootstrap.servers")).isEqualTo("EMBRYO_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void missingAndMalformedSettingsSayHowToFixThem() {
        Settings s = Settings.resolve(Map.of("threads", "two"), null, Map.of(), Map.of());
        assertThatThrownBy(() -> s.get("clinic.secret")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("EMBRYO_CLINIC_SECRET");
        assertThatThrownBy(() -> s.getInt("threads")).hasMessageContaining("whole number").hasMessageContaining("two");
    }

    @Test
    void prefixedKeysPassThrough() {
        Settings s = Settings.resolve(Map.of(), null,
                Map.of("EMBRYO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of("kafka.sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(s.withPrefix("kafka.")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void hyphenatedKeysAreSetFromTheEnvironmentByTheDocumentedRule() {
        Map<String, String> defaults = Map.of("alerts.direct-cleavage.max-hours", "5", "alerts.arrest.hours", "24");
        Settings s = Settings.resolve(defaults, null, Map.of("EMBRYO_ALERTS_DIRECT_CLEAVAGE_MAX_HOURS", "4.5"), Map.of());

        assertThat(s.getDouble("alerts.direct-cleavage.max-hours")).isEqualTo(4.5);
        assertThat(s.describe()).contains("alerts.direct-cleavage.max-hours = 4.5  (env EMBRYO_ALERTS_DIRECT_CLEAVAGE_MAX_HOURS)");
        assertThat(s.ignored()).isEmpty();
        assertThat(Settings.envName("alerts.direct-cleavage.max-hours")).isEqualTo("EMBRYO_ALERTS_DIRECT_CLEAVAGE_MAX_HOURS");
        assertThatThrownBy(() -> Settings.resolve(defaults, null, Map.of(), Map.of()).get("alerts.low-confidence.points"))
                .hasMessageContaining("EMBRYO_ALERTS_LOW_CONFIDENCE_POINTS");
    }

    @Test
    void aVariableThatCouldMeanTwoKeysIsAnErrorNamingBoth() {
        Map<String, String> defaults = Map.of("alerts.stalled.min-silence", "2", "alerts.stalled.min.silence", "3");
        assertThatThrownBy(() -> Settings.resolve(defaults, null, Map.of("EMBRYO_ALERTS_STALLED_MIN_SILENCE", "1"),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("EMBRYO_ALERTS_STALLED_MIN_SILENCE")
                .hasMessageContaining("alerts.stalled.min-silence").hasMessageContaining("alerts.stalled.min.silence");
        // unset, the two keys live side by side
        assertThat(Settings.resolve(defaults, null, Map.of(), Map.of()).getInt("alerts.stalled.min.silence")).isEqualTo(3);
    }

    @Test
    void unknownVariablesAndFileKeysAreReportedAndNotApplied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "alerts.arest.hours=12\nalerts.arrest.hours=30\n");
        Settings s = Settings.resolve(Map.of("alerts.arrest.hours", "24"), file,
                Map.of("EMBRYO_ALERTS_ARREST_HOUR", "10", "EMBRYO_KAFKA_BOOTSTRAP_SERVER", "x:9092",
                        "EMBRYO_KAFKA_SECURITY_PROTOCOL", "SSL", "EMBRYO_KAFKA_PRODUCER_LINGER_MS", "5"), Map.of());

        assertThat(s.getInt("alerts.arrest.hours")).isEqualTo(30);
        assertThat(s.ignored()).containsExactly("alerts.arest.hours (file app.properties)",
                "EMBRYO_ALERTS_ARREST_HOUR (env)",
                "EMBRYO_KAFKA_BOOTSTRAP_SERVER (env: no Kafka client config is named bootstrap.server)");
        assertThat(s.withPrefix("kafka.")).containsOnlyKeys("security.protocol", "producer.linger.ms");
        assertThat(s.describe()).contains("IGNORED").contains("    EMBRYO_ALERTS_ARREST_HOUR (env)");
        assertThat(Settings.resolve(Map.of(), null, Map.of(), Map.of()).describe()).doesNotContain("IGNORED");
    }

    @Test
    void kafkaVariablesAreCheckedAgainstTheClientsOwnConfigNames() {
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_SASL_JAAS_CONFIG", List.of())).contains("kafka.sasl.jaas.config");
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_SSL_TRUSTSTORE_LOCATION", List.of()))
                .contains("kafka.ssl.truststore.location");
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_ENABLE_IDEMPOTENCE", List.of())).contains("kafka.enable.idempotence");
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_TOPIC_MIN_INSYNC_REPLICAS", List.of()))
                .contains("kafka.topic.min.insync.replicas");
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_SASL_JAAS", List.of())).isEmpty();
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_PRODUCER_LINGER", List.of())).isEmpty();
        // a service's own kafka.* key wins over the clients' names
        assertThat(Settings.keyOfEnv("EMBRYO_KAFKA_BOOTSTRAP_SERVERS", List.of("kafka.bootstrap.servers")))
                .contains("kafka.bootstrap.servers");
    }

    @Test
    void webhookUrlsAndUrlCredentialsAreMasked() {
        assertThat(Settings.printable("alerts.webhook.url", "https://hooks.example.org/services/T000/B000/XXXX"))
                .isEqualTo("https://hooks.example.org/****");
        assertThat(Settings.printable("alerts.webhook.url", "https://hooks.example.org:8443/?token=abc"))
                .isEqualTo("https://hooks.example.org:8443/****");
        assertThat(Settings.printable("alerts.webhook.url", "http://receiver:8080")).isEqualTo("http://receiver:8080");
        assertThat(Settings.printable("view.public.url", "https://user:pw@view.example.org/embryos?key=1"))
                .isEqualTo("https://****@view.example.org/embryos?****");
        assertThat(Settings.printable("view.public.url", "https://view.example.org/embryos"))
                .isEqualTo("https://view.example.org/embryos");
        assertThat(Settings.printable("alerts.webhook.url", "not a url :// at all")).isEqualTo("****");
        Settings s = Settings.resolve(Map.of("alerts.webhook.url", ""), null,
                Map.of("EMBRYO_ALERTS_WEBHOOK_URL", "https://u:p@hooks.example.org/T1/B2/secret-token"), Map.of());
        assertThat(s.describe()).contains("alerts.webhook.url = https://****@hooks.example.org/****")
                .doesNotContain("secret-token").doesNotContain("u:p");
        assertThat(s.get("alerts.webhook.url")).endsWith("secret-token");
    }
}
