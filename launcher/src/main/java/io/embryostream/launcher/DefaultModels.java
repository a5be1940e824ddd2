package io.embryostream.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the shipped default model when none is configured: {@code models/gomez-16} in the working
 * directory, or beside the checkout the launcher jar was built in (so the demo works from any
 * directory of a clone).
 */
final class DefaultModels {

    static final String DEFAULT = "models/gomez-16";

    private DefaultModels() {
    }

    /**
     * Classifier settings; when {@code model.dir} is still the built-in default and that folder does
     * not exist from here, the shipped default model is looked up with {@link #locate()}. A folder
     * someone configured is never replaced: if it is wrong, the classifier says so.
     *
     * @param otherSettings settings the command reads beside the classifier's, with their defaults
     */
    static Settings resolveWithModel(Path configFile, Map<String, String> otherSettings, Map<String, String> overrides) {
        Map<String, String> defaults = new HashMap<>(otherSettings);
        defaults.putAll(ClassifierConfig.defaults());
        Settings s = Settings.resolve(defaults, configFile, System.getenv(), overrides);
        String dir = s.get("model.dir");
        if (!dir.equals(ClassifierConfig.defaults().get("model.dir"))
                || Files.isRegularFile(Path.of(dir).resolve("model.json"))) {
            return s;
        }
        Map<String, String> withDefault = new HashMap<>(overrides);
        withDefault.put("model.dir", locate().toString());
        return Settings.resolve(defaults, configFile, System.getenv(), withDefault);
    }

    static Path locate() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(DEFAULT));
        candidates.add(Path.of("..").resolve(DEFAULT));
        try {
            Path jar = Path.of(DefaultModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // launcher/target/<jar or classes> -> checkout root
            candidates.add(jar.getParent().getParent().getParent().resolve(DEFAULT));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working-directory candidates remain
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("model.json"))).findFirst()
                .map(Path::normalize)
                .orElseThrow(() -> new IllegalStateException("no default model found (looked for " + candidates
                        + "); pass --models DIR or train one: see README, 'Training the default models'"));
    }
}
