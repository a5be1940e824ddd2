package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import io.embryostream.view.ViewConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting of every service can be set from the environment, and only by its own variable. */
class ServiceSettingsTest {

    @Test
    void everySettingsVariableNamesExactlyItsKey() {
        Map<String, Map<String, String>> services = Map.of("classifier", ClassifierConfig.defaults(),
                "alerts", AlertDeliveryConfig.defaults(), "view", ViewConfig.defaults(), "demo", demo());
        services.forEach((service, defaults) -> defaults.keySet().forEach(key -> assertThat(
                Settings.keyOfEnv(Settings.envName(key), defaults.keySet())).as(service + ": " + key).contains(key)));
    }

    @Test
    void hyphenatedAlertThresholdsReachTheClassifierFromTheEnvironment() {
        Settings s = Settings.resolve(ClassifierConfig.defaults(), null,
                Map.of("EMBRYO_ALERTS_DIRECT_CLEAVAGE_MAX_HOURS", "4", "EMBRYO_ALERTS_STALLED_MIN_SILENCE_MINUTES", "7"),
                Map.of());
        assertThat(s.getDouble("alerts.direct-cleavage.max-hours")).isEqualTo(4);
        assertThat(s.getDouble("alerts.stalled.min-silence-minutes")).isEqualTo(7);
        assertThat(s.ignored()).isEmpty();
    }

    private static Map<String, String> demo() {
        Map<String, String> d = new HashMap<>(ViewConfig.defaults());
        d.putAll(ClassifierConfig.defaults());
        d.put("clinic.secret", "");
        return d;
    }
}
