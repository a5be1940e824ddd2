package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ModelPlanes;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.ModelFormatException;
import io.embryostream.model.ModelMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions in a directory: either a model folder itself (model.json inside) or a folder
 * of version folders. {@link #refresh()} picks up a new version without a restart; new embryos
 * take the newest, and each embryo stays on the version it started with, because its stored
 * hidden state belongs to that encoder. Runtimes are created per stream thread on demand.
 */
public final class ModelRegistry implements ModelPlanes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final Path directory;
    private final InferenceOptions options;
    private final Map<String, ModelMetadata> versions = new ConcurrentHashMap<>();
    private final List<ModelRuntime> runtimes = new ArrayList<>();
    private volatile String newest;

    public ModelRegistry(Path directory, InferenceOptions options) {
        this.directory = directory;
        this.options = options;
        if (!refresh()) {
            throw new ModelFormatException("no model found in " + directory + ": expected model.json there or in"
                    + " its subfolders; train one with trainer-export or use the shipped models/");
        }
    }

    public InferenceOptions options() {
        return options;
    }

    /** Rescans the directory; true when at least one version is known afterwards. */
    public synchronized boolean refresh() {
        for (Path folder : candidateFolders()) {
            try {
                ModelMetadata m = ModelMetadata.read(folder);
                if (versions.putIfAbsent(m.version(), m) == null) {
                    log.info("Model {} version {} available ({} classes, scheme {}) from {}", m.name(), m.version(),
                            m.classNames().size(), m.scheme(), folder);
                }
            } catch (ModelFormatException e) {
                log.warn("Skipping {}: {}", folder, e.getMessage());
            }
        }
        String latest = versions.keySet().stream().max(ModelRegistry::compareVersions).orElse(null);
        if (latest != null && !latest.equals(newest)) {
            if (newest != null) {
                log.info("New embryos now take model version {} (was {})", latest, newest);
            }
            newest = latest;
        }
        return newest != null;
    }

    private List<Path> candidateFolders() {
        if (Files.isRegularFile(directory.resolve("model.json"))) {
            return List.of(directory);
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + directory, e);
        }
    }

    /** The version new embryos take. */
    public ModelMetadata newest() {
        return versions.get(newest);
    }

    @Override
    public String newestVersion() {
        return newest().version();
    }

    @Override
    public List<Integer> planes(String version) {
        return version(version).orElseGet(this::newest).planes();
    }

    public Optional<ModelMetadata> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** A runtime for the calling thread's exclusive use; closed with the registry. */
    public synchronized ModelRuntime createRuntime(ModelMetadata metadata) {
        ModelRuntime r = new ModelRuntime(metadata, options);
        runtimes.add(r);
        return r;
    }

    /** Versions compare numerically part by part ("1.10" after "1.9"), text parts lexically. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.\\-]");
        String[] y = b.split("[.\\-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? Comparator.<Long>naturalOrder().compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public synchronized void close() {
        for (ModelRuntime r : runtimes) {
            r.close();
        }
        runtimes.clear();
    }
}
