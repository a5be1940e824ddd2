package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Separate processes" walk-through, as CI runs it: the dev broker and the synthetic incubator
 * from the dev distribution ({@code ./embryo-stream}'s jar), the classifier, the view and alert delivery
 * from the service distribution the images run (so its lean class path is proven to run them), each its
 * own JVM. A stage event is read back from Kafka, the view answers for the embryos, the classifier's
 * health answers {@code embryo-stream health}, and every process ends cleanly on SIGTERM (status 0).
 * Needs the packaged distributions: run with {@code ./mvnw verify}.
 */
class MultiProcessSmokeTest {

    private static final Path DEV_JAR = RepoFiles.root().resolve("launcher/target/launcher-0.1.0-SNAPSHOT.jar");
    private static final Path SERVICE_JAR = RepoFiles.root().resolve("distribution/target/embryo-stream/embryo-stream.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private final List<Service> started = new ArrayList<>();

    private record Service(String name, Process process, Path log) {
    }

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        for (Service s : started) {
            s.process().destroyForcibly();
            s.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void brokerSimulateClassifyViewAndAlertsRunAsSeparateProcessesAndStopCleanly() throws Exception {
        assertThat(DEV_JAR).as("the dev distribution; run ./mvnw verify").isRegularFile();
        assertThat(SERVICE_JAR).as("the service distribution; run ./mvnw verify").isRegularFile();
        Path addressFile = work.resolve("broker.address");
        Service broker = start("broker", DEV_JAR, Map.of(), "broker", "--address-file", addressFile.toString());
        String bootstrap = awaitFile(addressFile, broker).strip();

        int classifierPort = freePort();
        int viewPort = freePort();
        int alertsPort = freePort();
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            Service classify = start("classify", SERVICE_JAR, Map.of("EMBRYO_CLASSIFIER_REPLICATION_FACTOR", "1"),
                    "classify", "--bootstrap-servers", bootstrap, "--models", RepoFiles.root().resolve("models/gomez-16")
                            .toString(), "--metrics-port", Integer.toString(classifierPort),
                    "--state-dir", work.resolve("classifier-state").toString());
            Service view = start("view", SERVICE_JAR, Map.of("EMBRYO_VIEW_REPLICATION_FACTOR", "1"),
                    "view", "--bootstrap-servers", bootstrap, "--port", Integer.toString(viewPort),
                    "--state-dir", work.resolve("view-state").toString());
            Service alerts = start("alerts", SERVICE_JAR, Map.of("EMBRYO_ALERTS_WEBHOOK_SECRET", "smoke-test-secret"),
                    "alerts", "--bootstrap-servers", bootstrap, "--webhook-url", webhook.url(),
                    "--metrics-port", Integer.toString(alertsPort));
            // --speed with room to spare: simulate refuses a speed this machine cannot render while the others start
            Service simulate = start("simulate", DEV_JAR, Map.of(), "simulate", "--bootstrap-servers", bootstrap,
                    "--slides", "1", "--wells", "4", "--speed", "200", "--threads", "1");

            StageEvent first = firstStageEvent(bootstrap);
            assertThat(first.getEmbryoId()).isNotBlank();
            String embryos = awaitViewListing(viewPort, first.getDisplayLabel());
            assertThat(embryos).contains(first.getEmbryoId());
            Service health = start("health", SERVICE_JAR, Map.of(), "health",
                    "http://localhost:" + classifierPort + "/health");
            assertThat(health.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(health.process().exitValue()).as(tail(health)).isZero();

            for (Service s : List.of(simulate, alerts, view, classify, broker)) {
                stopCleanly(s);
            }
        }
    }

    private Service start(String name, Path jar, Map<String, String> env, String... args) throws IOException {
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

    private static String awaitFile(Path file, Service owner) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.isRegularFile(file)) {
            assertThat(owner.process().isAlive()).as(owner.name() + " ended early:\n" + tail(owner)).isTrue();
            assertThat(System.nanoTime()).as(owner.name() + " wrote no address:\n" + tail(owner)).isLessThan(deadline);
            Thread.sleep(200);
        }
        return Files.readString(file);
    }

    private StageEvent firstStageEvent(String bootstrap) {
        try (KafkaConsumer<String, StageEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                Topics.STAGES.valueSerde())) {
            consumer.subscribe(List.of(Topics.STAGES.name()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, StageEvent> r : consumer.poll(Duration.ofMillis(500))) {
                    return r.value();
                }
                started.forEach(s -> assertThat(s.process().isAlive()).as(s.name() + " ended:\n" + tail(s)).isTrue());
            }
        }
        throw new AssertionError("no stage event within " + PATIENCE + "; classifier log:\n"
                + tail(started.stream().filter(s -> s.name().equals("classify")).findFirst().orElseThrow()));
    }

    private static String awaitViewListing(int port, String label) throws Exception {
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
        throw new AssertionError("the view never listed " + label + "; last answer: " + last);
    }

    private static void stopCleanly(Service s) throws InterruptedException {
        s.process().destroy(); // SIGTERM, as Ctrl-C, docker stop and Kubernetes send
        assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).as(s.name() + " stops within 60 s").isTrue();
        assertThat(s.process().exitValue()).as(s.name() + " ends cleanly:\n" + tail(s)).isZero();
    }

    private static String tail(Service s) {
        try {
            List<String> lines = Files.readAllLines(s.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stands in for the clinic's system: answers 200 to every alert. */
    private static final class WebhookReceiver implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        WebhookReceiver() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
            server.createContext("/alerts", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/alerts";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
