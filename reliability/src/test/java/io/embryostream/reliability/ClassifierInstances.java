package io.embryostream.reliability;

import io.embryostream.classifier.app.ClassifierApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifier JVMs of one application id, each with a state directory of its own that survives its kills (a pod's
 * volume): started, killed with SIGKILL, stopped gracefully, started again. Each keeps a log in the campaign folder.
 */
final class ClassifierInstances implements AutoCloseable {

    private static final Pattern PROCESS_ID = Pattern.compile("\"?processId\"?\\s*[:=]\\s*\"?([0-9a-f-]{36})");

    private final Path dir;
    private final String properties;
    private final String applicationId;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final List<Path> logs = new ArrayList<>();
    private int starts;

    ClassifierInstances(Path dir, String bootstrapServers, String applicationId, Path model) throws IOException {
        this.dir = dir;
        this.applicationId = applicationId;
        this.properties = String.join("\n",
                "kafka.bootstrap.servers=" + bootstrapServers,
                "model.dir=" + model,
                "classifier.application.id=" + applicationId,
                "classifier.replication.factor=" + ProxiedCluster.BROKERS,
                "classifier.stream.threads=1",
                // a killed instance's partitions move after this long: the campaign waits for it at every kill
                "classifier.session.timeout.ms=10000",
                "kafka.request.timeout.ms=15000",
                "metrics.port=0",
                "inference.threads=1",
                "inference.batch.max=16");
    }

    /** Starts instance {@code name} (again, after a kill or stop: the same state directory). */
    void start(String name) throws IOException {
        if (running.containsKey(name)) {
            throw new IllegalStateException(name + " is running");
        }
        Path log = dir.resolve(name + "-" + (++starts) + ".log");
        logs.add(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path config = Files.writeString(dir.resolve(name + ".properties"),
                properties + "\nclassifier.state.dir=" + stateDir(name) + "\n");
        Process p = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ClassifierApp.class.getName(), config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        running.put(name, p);
    }

    /** SIGKILL: no shutdown hook, no commit, an open transaction left to be aborted. */
    void kill(String name) throws InterruptedException {
        Process p = running.remove(name);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the instance leaves the group and commits on its way out (scaling down). */
    void stop(String name) throws InterruptedException {
        Process p = running.remove(name);
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    List<String> running() {
        return List.copyOf(running.keySet());
    }

    /** The Kafka Streams process id the instance keeps in its state directory (its transactional ids start with it). */
    Optional<String> processId(String name) {
        Path file = stateDir(name).resolve(applicationId).resolve("kafka-streams-process-metadata");
        try {
            Matcher m = PROCESS_ID.matcher(Files.readString(file));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not written yet
        }
    }

    /** Instances that died on their own (not killed by the campaign), with the end of their log. */
    List<String> crashed() {
        List<String> out = new ArrayList<>();
        running.forEach((name, p) -> {
            if (!p.isAlive()) {
                out.add(name + " exited " + p.exitValue());
            }
        });
        return out;
    }

    List<Path> logs() {
        return logs;
    }

    private Path stateDir(String name) {
        try {
            return Files.createDirectories(dir.resolve("state-" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (String name : running()) {
            stop(name);
        }
    }
}
