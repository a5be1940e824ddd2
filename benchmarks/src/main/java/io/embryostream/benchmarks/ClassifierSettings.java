package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The classifier's default configuration with only what a benchmark run must change: the broker,
 * the model, a fresh application id and state directory (so each run starts from an empty state),
 * replication factor 1 (one embedded broker) and a free metrics port. Anything else in
 * {@code changes} is a deliberate departure from the defaults and is printed with the figures.
 */
final class ClassifierSettings {

    private ClassifierSettings() {
    }

    static Map<String, String> forRun(String bootstrap, Path modelDir, String runName, Map<String, String> changes) {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap.servers", bootstrap);
        o.put("model.dir", modelDir.toString());
        o.put("classifier.application.id", "bench-" + runName + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            o.put("classifier.state.dir", Files.createTempDirectory("embryo-bench-state-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
        o.put("classifier.replication.factor", "1");
        o.put("metrics.port", "0");
        o.putAll(changes);
        return o;
    }

    static ClassifierConfig config(Map<String, String> overrides) {
        return new ClassifierConfig(Settings.resolve(ClassifierConfig.defaults(), null, Map.of(), overrides));
    }
}
