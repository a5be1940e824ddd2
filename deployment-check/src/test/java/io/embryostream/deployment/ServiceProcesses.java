package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.topics.Topic;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Services of the packaged distributions run as their own processes for a test, each with a log in the
 * test's folder and no {@code EMBRYO_} variable but those given; whatever still runs is killed on close.
 */
final class ServiceProcesses implements AutoCloseable {

    /** The dev distribution: broker, simulate and everything else. */
    static final Path DEV_JAR = RepoFiles.root().resolve("launcher/target/launcher-0.1.0-SNAPSHOT.jar");
    /** The service distribution the images run. */
    static final Path SERVICE_JAR = RepoFiles.root().resolve("distribution/target/embryo-stream/embryo-stream.jar");
    static final Duration PATIENCE = Duration.ofSeconds(120);

    record Service(String name, Process process, Path log) {
    }

    private final Path work;
    private final List<Service> started = new ArrayList<>();

    ServiceProcesses(Path work) {
        assertThat(DEV_JAR).as("the dev distribution; run ./mvnw verify").isRegularFile();
        assertThat(SERVICE_JAR).as("the service distribution; run ./mvnw verify").isRegularFile();
        this.work = work;
    }

    Service start(String name, Path jar, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(CommandRun.java(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = work.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("EMBRYO_"));
        pb.environment().putAll(env);
        Service s = new Service(name, pb.start(), log);
        started.add(s);
        return s;
    }

    void assertAllAlive() {
        started.forEach(s -> assertThat(s.process().isAlive()).as(s.name() + " ended:\n" + tail(s)).isTrue());
    }

    /** The first committed record of {@code topic}, read with {@code client} (bootstrap and security). */
    <T extends org.apache.avro.specific.SpecificRecord> T firstRecord(Map<String, Object> client, Topic<T> topic) {
        Map<String, Object> c = new HashMap<>(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(500))) {
                    return r.value();
                }
                assertAllAlive();
            }
        }
        throw new AssertionError("nothing on " + topic.name() + " within " + PATIENCE + ":\n" + tails());
    }

    /** The view's embryo list once it names {@code label}. */
    String awaitViewListing(int port, String label) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/embryos")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains(label)) {
                    return r.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the view never listed " + label + "; last answer: " + last + "\n" + tails());
    }

    static String tail(Service s) {
        try {
            List<String> lines = Files.readAllLines(s.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String tails() {
        StringBuilder all = new StringBuilder();
        started.forEach(s -> all.append("--- ").append(s.name()).append('\n').append(tail(s)).append('\n'));
        return all.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Service s : started) {
            s.process().destroyForcibly();
            s.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
