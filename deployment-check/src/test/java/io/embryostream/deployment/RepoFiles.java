package io.embryostream.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.embryostream.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's deployment files, parsed: compose, rendered kustomize overlays, Dockerfiles. */
final class RepoFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");
    private static final Pattern EXPOSE = Pattern.compile("(?im)^EXPOSE\\s+(\\d+)");

    private RepoFiles() {
    }

    static Path root() {
        String configured = System.getProperty("embryo.repo.root");
        Path p = configured != null ? Path.of(configured) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    static JsonNode yaml(String relative) {
        return yamlText(read(relative));
    }

    static JsonNode yamlText(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
        }
    }

    static String readPath(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A folder of this module's test resources. */
    static Path testResource(String name) {
        try {
            return Path.of(RepoFiles.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    /** {@code kubectl kustomize k8s/overlays/<overlay>}, every document. */
    static List<JsonNode> kustomize(String overlay) {
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay)
                    .directory(root().toFile()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed: " + err);
            }
            List<JsonNode> docs = new ArrayList<>();
            try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
                it.forEachRemaining(d -> {
                    if (d != null && !d.isNull() && !d.isEmpty()) {
                        docs.add(d);
                    }
                });
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** True when a label selector's {@code matchLabels} selects an object with {@code labels} (an empty one selects all). */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        var it = matchLabels.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    /** The EMBRYO_* variables a Dockerfile stage (the whole file when {@code stage} is null) sets with ENV. */
    static List<String> embryoEnv(String dockerfile, String stage) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(EMBRYO_[A-Z0-9_]+)=").matcher(stageText(dockerfile, stage));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String stageText(String dockerfile, String stage) {
        String text = read(dockerfile);
        if (stage == null) {
            return text;
        }
        int start = text.toLowerCase(Locale.ROOT).indexOf(("as " + stage).toLowerCase(Locale.ROOT) + "\n");
        int next = text.indexOf("\nFROM ", start);
        return text.substring(start, next < 0 ? text.length() : next);
    }

    /** The stage names ({@code FROM ... AS name}) of a Dockerfile. */
    static Set<String> stages(String dockerfile) {
        Set<String> names = new TreeSet<>();
        Matcher m = STAGE.matcher(read(dockerfile));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The port a Dockerfile stage EXPOSEs (the last stage when {@code stage} is null). */
    static Integer exposedPort(String dockerfile, String stage) {
        Matcher m = EXPOSE.matcher(stageText(dockerfile, stage));
        Integer port = null;
        while (m.find()) {
            port = Integer.parseInt(m.group(1));
        }
        return port;
    }

    /** The setting an {@code EMBRYO_*} variable sets in a service whose defaults are {@code defaults}, as the service reads it. */
    static Optional<String> settingOf(String envName, Map<String, String> defaults) {
        return Settings.keyOfEnv(envName, defaults.keySet());
    }
}
