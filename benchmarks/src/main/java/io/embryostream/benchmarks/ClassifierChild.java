package io.embryostream.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClassifierProcess} JVM started with this JVM's class path (the benchmarks' manifest jar,
 * so the command line stays short), its logs on this process's stderr, commands over its stdin.
 */
final class ClassifierChild implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    ClassifierChild(Map<String, String> settings, List<String> jvmOptions) {
        try {
            Path file = Files.createTempFile("embryo-bench-classifier-", ".properties");
            Properties p = new Properties();
            p.putAll(settings);
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "classifier settings of a latency benchmark run");
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClassifierProcess.class.getName(),
                    file.toString()));
            this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the classifier JVM: " + e.getMessage(), e);
        }
    }

    /** Blocks until the child prints {@code READY} (Kafka Streams running). */
    void awaitReady() {
        String line = nextLine();
        if (!"READY".equals(line)) {
            throw new IllegalStateException("the classifier JVM did not start: it printed " + line
                    + " (its log is above)");
        }
    }

    /**
     * Asks the child for its memory figures after a full GC: the {@code key=value} pairs of its MEMORY
     * line; empty when the child has exited.
     */
    Optional<Map<String, Long>> memory() {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        send("memory");
        String line = nextLine();
        if (line == null) {
            return Optional.empty();
        }
        if (!line.startsWith("MEMORY ")) {
            throw new IllegalStateException("expected a MEMORY line from the classifier JVM, got " + line);
        }
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring("MEMORY ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return Optional.of(values);
    }

    private void send(String command) {
        try {
            in.write(command + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the classifier JVM no longer reads commands: " + e.getMessage(), e);
        }
    }

    private String nextLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from the classifier JVM: " + e.getMessage(), e);
        }
    }

    /** Asks the child to stop cleanly; kills it if it has not stopped within a minute. */
    @Override
    public void close() {
        try {
            send("stop");
            in.close();
        } catch (IOException | UncheckedIOException e) {
            // already gone: nothing left to stop cleanly
        }
        try {
            if (!process.waitFor(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
