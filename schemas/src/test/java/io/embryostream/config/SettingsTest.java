package io.embryostream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
        Settings s = Settings.resolve(Map.of("batch.max", "32", "threads", "2"), file,
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
}
