package io.embryostream.deployment;

import static io.embryostream.deployment.ServiceProcesses.DEV_JAR;
import static io.embryostream.deployment.ServiceProcesses.SERVICE_JAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.deployment.ServiceProcesses.Service;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @TempDir
    Path work;

    @Test
    void brokerSimulateClassifyViewAndAlertsRunAsSeparateProcessesAndStopCleanly() throws Exception {
        try (ServiceProcesses services = new ServiceProcesses(work)) {
            Path addressFile = work.resolve("broker.address");
            Service broker = services.start("broker", DEV_JAR, Map.of(), "broker", "--address-file", addressFile.toString());
            String bootstrap = awaitFile(addressFile, broker).strip();

            int classifierPort = ServiceProcesses.freePort();
            int viewPort = ServiceProcesses.freePort();
            int alertsPort = ServiceProcesses.freePort();
            try (WebhookReceiver webhook = new WebhookReceiver()) {
                Service classify = services.start("classify", SERVICE_JAR, Map.of("EMBRYO_CLASSIFIER_REPLICATION_FACTOR", "1"),
                        "classify", "--bootstrap-servers", bootstrap, "--models", RepoFiles.root().resolve("models/gomez-16")
                                .toString(), "--metrics-port", Integer.toString(classifierPort),
                        "--state-dir", work.resolve("classifier-state").toString());
                Service view = services.start("view", SERVICE_JAR, Map.of("EMBRYO_VIEW_REPLICATION_FACTOR", "1"),
                        "view", "--bootstrap-servers", bootstrap, "--port", Integer.toString(viewPort),
                        "--state-dir", work.resolve("view-state").toString());
                Service alerts = services.start("alerts", SERVICE_JAR, Map.of("EMBRYO_ALERTS_WEBHOOK_SECRET", "smoke-test-secret"),
                        "alerts", "--bootstrap-servers", bootstrap, "--webhook-url", webhook.url(),
                        "--metrics-port", Integer.toString(alertsPort));
                // --speed with room to spare: simulate refuses a speed this machine cannot render while the others start
                Service simulate = services.start("simulate", DEV_JAR, Map.of(), "simulate", "--bootstrap-servers", bootstrap,
                        "--slides", "1", "--wells", "4", "--speed", "200", "--threads", "1");

                StageEvent first = services.firstRecord(Map.of("bootstrap.servers", bootstrap), Topics.STAGES);
                assertThat(first.getEmbryoId()).isNotBlank();
                String embryos = services.awaitViewListing(viewPort, first.getDisplayLabel());
                assertThat(embryos).contains(first.getEmbryoId());
                Service health = services.start("health", SERVICE_JAR, Map.of(), "health",
                        "http://localhost:" + classifierPort + "/health");
                assertThat(health.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(health.process().exitValue()).as(ServiceProcesses.tail(health)).isZero();

                for (Service s : List.of(simulate, alerts, view, classify, broker)) {
                    stopCleanly(s);
                }
            }
        }
    }

    private static String awaitFile(Path file, Service owner) throws Exception {
        long deadline = System.nanoTime() + ServiceProcesses.PATIENCE.toNanos();
        while (!Files.isRegularFile(file)) {
            assertThat(owner.process().isAlive()).as(owner.name() + " ended early:\n" + ServiceProcesses.tail(owner)).isTrue();
            assertThat(System.nanoTime()).as(owner.name() + " wrote no address:\n" + ServiceProcesses.tail(owner))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        return Files.readString(file);
    }

    private static void stopCleanly(Service s) throws InterruptedException {
        s.process().destroy(); // SIGTERM, as Ctrl-C, docker stop and Kubernetes send
        assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).as(s.name() + " stops within 60 s").isTrue();
        assertThat(s.process().exitValue()).as(s.name() + " ends cleanly:\n" + ServiceProcesses.tail(s)).isZero();
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
