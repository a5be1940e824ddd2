package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.Severity;
import io.embryostream.topics.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code alerts} command as operators run it: settings from a file, options, a real webhook. */
class AlertsCommandTest {

    @TempDir
    Path dir;

    @Test
    void deliversAlertsFromKafkaToTheWebhookUntilItsDurationEnds() throws Exception {
        EmbeddedKafkaBroker broker = SharedEmbeddedKafka.broker();
        String topic = "alerts-command-" + UUID.randomUUID().toString().substring(0, 8);
        broker.createTopics(new NewTopic(topic, 1, (short) 1));
        AlertEvent alert = AlertEvent.newBuilder().setAlertId("cmd-1").setType(AlertType.ARREST)
                .setSeverity(Severity.CRITICAL).setEmbryoId("e1").setDisplayLabel("S1 P01").setTimePoint(300)
                .setHoursPostInsemination(75.0).setMessage("no cleavage for 30 h").setEvidence(Map.of())
                .setModelId("cnn-lstm").setModelVersion("1").setEmitTime(Instant.now()).build();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, "e1", Topics.ALERTS.codec().encode(alert))).get();
        }
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/alerts", ex -> {
            ex.getRequestBody().readAllBytes();
            keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        try {
            Path config = Files.writeString(dir.resolve("alerts.properties"), String.join("\n",
                    "alerts.topic=" + topic, "alerts.group.id=" + topic,
                    "alerts.webhook.secret=a-shared-secret-of-32-characters", "metrics.port=0"));
            int exit = EmbryoStream.commandLine().execute("alerts", "--config", config.toString(),
                    "--bootstrap-servers", broker.bootstrapServers(),
                    "--webhook-url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts",
                    "--duration", "8s");
            assertThat(exit).isZero();
            assertThat(keys).containsExactly("cmd-1");
        } finally {
            webhook.stop(0);
        }
    }
}
