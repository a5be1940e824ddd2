package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert delivery on the embedded broker against a real HTTP receiver that misbehaves on purpose. */
class AlertDeliveryTest {

    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedKafkaBroker broker = SharedEmbeddedKafka.broker();
    private String topic;
    private String undeliverableTopic;
    private String group;

    @BeforeEach
    void freshTopicsAndGroup() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "alerts-test-" + run;
        undeliverableTopic = "alerts-undeliverable-test-" + run;
        group = "alerts-test-" + run;
        broker.createTopics(new NewTopic(topic, 1, (short) 1), new NewTopic(undeliverableTopic, 1, (short) 1));
    }

    @Test
    void aWebhookThatFailsForAWhileGetsEveryAlertInOrderSignedUnderItsId() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (RecordingWebhook webhook = new RecordingWebhook(r -> seen.incrementAndGet() <= 3 ? 503 : 200)) {
            publish(alert("a1"), alert("a2"), alert("a3"));
            try (AlertDeliveryService service = AlertDeliveryService.start(config(webhook.url()))) {
                awaitTrue(() -> webhook.requests().size() >= 6, "all alerts posted");
                awaitTrue(() -> committedOffset() == 3, "offsets committed");
                String metrics = get("http://127.0.0.1:" + service.metricsPort() + "/metrics").body();
                assertThat(metrics).contains("embryo_alert_webhook_attempts_total{verdict=\"RETRY\"} 3.0")
                        .contains("embryo_alert_deliveries_total{outcome=\"accepted\"} 3.0")
                        .contains("embryo_alert_undeliverable_total{reason=\"GAVE_UP\"} 0.0")
                        .contains("kafka_consumer_");
                assertThat(get("http://127.0.0.1:" + service.metricsPort() + "/health").statusCode()).isEqualTo(200);
            }
            assertThat(webhook.keys()).containsExactly("a1", "a1", "a1", "a1", "a2", "a3");
            assertThat(webhook.requests()).extracting(RecordingWebhook.Request::attempt)
                    .containsExactly(1, 2, 3, 4, 1, 1);
            WebhookSigner signer = new WebhookSigner(SECRET);
            for (RecordingWebhook.Request r : webhook.requests()) {
                assertThat(r.signature()).isEqualTo(signer.sign(r.idempotencyKey(), r.body()));
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("alertId").asText()).isEqualTo(r.idempotencyKey());
                assertThat(body.get("type").asText()).isEqualTo("DIRECT_CLEAVAGE");
                assertThat(body.get("model").get("version").asText()).isEqualTo("1");
                assertThat(body.get("evidence").get("t2").asText()).isEqualTo("33.1");
                assertThat(body.get("emitTime").asText()).isEqualTo("2026-01-15T10:00:02Z");
            }
        }
    }

    @Test
    void rejectedCorruptAndHopelessAlertsGoToTheUndeliverableTopicAndDeliveryMovesOn() throws Exception {
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        try (RecordingWebhook webhook = new RecordingWebhook(r -> switch (r.idempotencyKey()) {
            case "rejected" -> 400;
            case "hopeless" -> 503;
            default -> 200;
        })) {
            try (KafkaProducer<String, byte[]> p = producer()) {
                p.send(new ProducerRecord<>(topic, "e1", Topics.ALERTS.codec().encode(alert("good-1"))));
                p.send(new ProducerRecord<>(topic, "e1", garbage));
                p.send(new ProducerRecord<>(topic, "e1", Topics.ALERTS.codec().encode(alert("rejected"))));
                p.send(new ProducerRecord<>(topic, "e1", Topics.ALERTS.codec().encode(alert("hopeless"))));
                p.send(new ProducerRecord<>(topic, "e1", Topics.ALERTS.codec().encode(alert("good-2"))));
            }
            try (AlertDelivery delivery = AlertDelivery.start(config(webhook.url()), new DeliveryListener() { },
                    new SimpleMeterRegistry())) {
                awaitTrue(() -> committedOffset() == 5, "all five settled");
            }
            assertThat(webhook.keys()).startsWith("good-1", "rejected", "hopeless").endsWith("hopeless", "good-2");
            List<ConsumerRecord<String, byte[]>> dead = readAll(undeliverableTopic, 3);
            assertThat(dead).extracting(r -> header(r, AlertDelivery.REASON_HEADER))
                    .containsExactly("UNDECODABLE", "REJECTED", "GAVE_UP");
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(Topics.ALERTS.codec().decode(undeliverableTopic, dead.get(1).value()).getAlertId())
                    .isEqualTo("rejected");
            assertThat(header(dead.get(1), AlertDelivery.DETAIL_HEADER)).startsWith("HTTP 400");
            assertThat(Integer.parseInt(header(dead.get(2), AlertDelivery.ATTEMPTS_HEADER))).isGreaterThan(2);
            assertThat(header(dead.get(2), AlertDelivery.ORIGIN_HEADER)).isEqualTo(topic + "/0@3");
        }
    }

    @Test
    void aCrashBetweenAcceptanceAndCommitRepeatsOnlyTheAlertInFlight() throws Exception {
        try (RecordingWebhook webhook = new RecordingWebhook(r -> 200)) {
            publish(alert("c1"), alert("c2"), alert("c3"), alert("c4"), alert("c5"));
            DeliveryListener crashAfterC3IsAccepted = new DeliveryListener() {
                @Override
                public void accepted(String alertId, int attempts) {
                    if (alertId.equals("c3")) {
                        throw new IllegalStateException("simulated crash after the webhook accepted c3");
                    }
                }
            };
            try (AlertDelivery first = AlertDelivery.start(config(webhook.url()), crashAfterC3IsAccepted,
                    new SimpleMeterRegistry())) {
                assertThat(first.awaitStopped(Duration.ofSeconds(60))).isTrue();
                assertThat(first.failure()).get().extracting(Throwable::getMessage).asString()
                        .contains("simulated crash");
            }
            assertThat(webhook.keys()).containsExactly("c1", "c2", "c3");
            assertThat(committedOffset()).isEqualTo(2);
            try (AlertDelivery restarted = AlertDelivery.start(config(webhook.url()), new DeliveryListener() { },
                    new SimpleMeterRegistry())) {
                awaitTrue(() -> committedOffset() == 5, "the rest delivered");
            }
            assertThat(webhook.keys()).containsExactly("c1", "c2", "c3", "c3", "c4", "c5");
            List<RecordingWebhook.Request> c3 = webhook.requests().subList(2, 4);
            assertThat(c3.get(1).body()).isEqualTo(c3.get(0).body());
            assertThat(c3.get(1).signature()).isEqualTo(c3.get(0).signature());
        }
    }

    private AlertDeliveryConfig config(URI webhook) {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap.servers", broker.bootstrapServers());
        o.put("alerts.topic", topic);
        o.put("alerts.undeliverable.topic", undeliverableTopic);
        o.put("alerts.group.id", group);
        o.put("alerts.webhook.url", webhook.toString());
        o.put("alerts.webhook.secret", SECRET);
        o.put("alerts.retry.initial.ms", "50");
        o.put("alerts.retry.max.ms", "200");
        o.put("alerts.retry.give.up.after.ms", "1000");
        o.put("metrics.port", "0");
        return new AlertDeliveryConfig(Settings.resolve(AlertDeliveryConfig.defaults(), null, Map.of(), o));
    }

    private static AlertEvent alert(String id) {
        AlertEvent a = SampleEvents.alert();
        a.setAlertId(id);
        return a;
    }

    private void publish(AlertEvent... alerts) {
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (AlertEvent a : alerts) {
                p.send(new ProducerRecord<>(topic, a.getEmbryoId(), Topics.ALERTS.codec().encode(a)));
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private long committedOffset() {
        try (Admin admin = broker.admin()) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? 0 : o.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String t, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(t));
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
