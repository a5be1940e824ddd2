package io.embryostream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.embryostream.alerts.AlertDelivery;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.launcher.EmbryoStream;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.codec.TrustedClasses;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert delivery as the process it runs as, against a webhook that answers 500s, times out, is slow, refuses some
 * alerts for good and never takes others, while the delivery process is killed with SIGKILL twice and restarted.
 * Every alert must reach the webhook at least once (a repeat carries the alert's own {@code webhook-id}, so the
 * receiver can drop it), and the ones it never took must be on the undeliverable topic with their reason.
 */
class AlertDeliveryUnderFaultsTest {

    private static final int ALERTS = 60;

    @TempDir
    Path dir;

    /** What the webhook does with alert n: a fault on its first tries, then it takes it (or never does). */
    private enum Behaviour {
        FAIL_TWICE, TIME_OUT_ONCE, SLOW, REFUSE, NEVER, PLAIN;

        static Behaviour of(int n) {
            return n % 15 == 7 ? REFUSE : n % 15 == 11 ? NEVER : values()[n % 4 == 3 ? 5 : n % 4];
        }
    }

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private final Set<String> unsigned = ConcurrentHashMap.newKeySet();

    @Test
    void everyAlertReachesTheWebhookAtLeastOnceOrTheUndeliverableTopicWithItsReason() throws Exception {
        TrustedClasses.ensure(); // the alerts are built by copying a sample, before any codec is loaded
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.setExecutor(Executors.newFixedThreadPool(4));
        webhook.createContext("/alerts", this::answer);
        webhook.start();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int n = 0; n < ALERTS; n++) {
                    AlertEvent a = AlertEvent.newBuilder(SampleEvents.alert()).setAlertId("alert-" + n)
                            .setEmbryoId("embryo-" + n % 7).build();
                    p.send(new ProducerRecord<>(Topics.ALERTS.name(), a.getEmbryoId(), Topics.ALERTS.codec().encode(a)));
                }
            }
            String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts";
            int kills = 0;
            for (int stage = 1; stage <= 2; stage++) {
                Process delivery = delivery(broker, url, "delivery-" + stage);
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (accepted.size() < ALERTS * stage / 3 && System.nanoTime() < deadline) {
                    assertThat(delivery.isAlive()).as(log("delivery-" + stage)).isTrue();
                    Thread.sleep(50);
                }
                delivery.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, mid-delivery
                kills++;
            }
            Process last = delivery(broker, url, "delivery-3");
            Map<String, String> undeliverable = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (accepted.size() + undeliverable.size() < ALERTS && System.nanoTime() < deadline) {
                Thread.sleep(500);
                undeliverable = undeliverable(broker);
            }
            last.destroy();
            last.waitFor(30, TimeUnit.SECONDS);

            int duplicates = accepted.values().stream().mapToInt(a -> a.get() - 1).sum();
            String figures = String.format("alert delivery under faults: %d alerts; delivered %d (each at least once),"
                            + " repeats %d (each under its alert's webhook-id); undeliverable %s; delivery killed %d times;"
                            + " webhook answers %s", ALERTS, accepted.size(), duplicates, reasons(undeliverable), kills, answers);
            System.out.println(figures);
            Files.writeString(Path.of("target", "alert-delivery-under-faults-report.txt"), figures + "\n");
            for (int n = 0; n < ALERTS; n++) {
                String id = "alert-" + n;
                switch (Behaviour.of(n)) {
                    case REFUSE -> assertThat(undeliverable).as(figures).containsEntry(id, "REJECTED");
                    case NEVER -> assertThat(undeliverable).as(figures).containsEntry(id, "GAVE_UP");
                    default -> {
                        assertThat(accepted).as(id + ": " + figures).containsKey(id);
                        assertThat(undeliverable).as(figures).doesNotContainKey(id);
                    }
                }
            }
            assertThat(unsigned).as("attempts without a Standard Webhooks signature").isEmpty();
        } finally {
            webhook.stop(0);
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        if (ex.getRequestHeaders().getFirst("webhook-signature") == null || id == null) {
            unsigned.add(String.valueOf(id));
        }
        int n = Integer.parseInt(id.substring("alert-".length()));
        int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        int status = switch (Behaviour.of(n)) {
            case FAIL_TWICE -> attempt <= 2 ? 500 : 204;
            case TIME_OUT_ONCE -> attempt == 1 ? sleep(2500, 204) : 204; // past the delivery's 1 s timeout
            case SLOW -> sleep(400, 204);
            case REFUSE -> 400;
            case NEVER -> 503;
            case PLAIN -> 204;
        };
        synchronized (answers) {
            answers.merge(Behaviour.of(n) == Behaviour.TIME_OUT_ONCE && attempt == 1 ? "timeout" : String.valueOf(status),
                    1, Integer::sum);
        }
        if (status == 204) {
            accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        try {
            ex.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the client gave up waiting (the timeout case)
        }
        ex.close();
    }

    private static int sleep(long millis, int status) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }

    private Process delivery(EmbeddedKafkaBroker broker, String url, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EmbryoStream.class.getName(), "alerts", "--bootstrap-servers", broker.bootstrapServers(), "--webhook-url", url,
                "--metrics-port", "0").redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("EMBRYO_ALERTS_WEBHOOK_SECRET", "alert-faults-secret-0123456789abcdef");
        env.put("EMBRYO_ALERTS_WEBHOOK_TIMEOUT_MS", "1000");
        env.put("EMBRYO_ALERTS_RETRY_INITIAL_MS", "100");
        env.put("EMBRYO_ALERTS_RETRY_MAX_MS", "400");
        env.put("EMBRYO_ALERTS_RETRY_GIVE_UP_AFTER_MS", "2500");
        // a killed delivery's partitions move to its successor after this long (45 s by default)
        env.put("EMBRYO_KAFKA_SESSION_TIMEOUT_MS", "6000");
        return pb.start();
    }

    private String log(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Alert id → reason of every undeliverable alert (read_committed, from the beginning). */
    private static Map<String, String> undeliverable(EmbeddedKafkaBroker broker) {
        Map<String, String> out = new TreeMap<>();
        CommittedOutputs.readAll(broker.bootstrapServers(), "read_committed", Topics.ALERTS_UNDELIVERABLE.name(), r -> {
            AlertEvent a = Topics.ALERTS_UNDELIVERABLE.codec().decode(r.topic(), r.value());
            out.put(a.getAlertId(), new String(r.headers().lastHeader(AlertDelivery.REASON_HEADER).value(),
                    StandardCharsets.UTF_8));
        });
        return out;
    }

    private static Map<String, Long> reasons(Map<String, String> undeliverable) {
        Map<String, Long> n = new TreeMap<>();
        undeliverable.values().forEach(r -> n.merge(r, 1L, Long::sum));
        return n;
    }
}
