package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.kafka.embedded.SelfSignedTls;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert delivery on a TLS + SASL/SCRAM broker with ACLs, configured only through EMBRYO_KAFKA_*
 * variables and holding exactly the ACLs k8s/base/kafka/kafka-users.yaml grants the alerts user.
 */
class SecuredAlertDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void deliversAndCommitsWithTheAclsOfTheAlertsUser() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(dir.resolve("tls"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSaslSsl(null, tls, "broker", "broker-secret");
             RecordingWebhook webhook = new RecordingWebhook(r -> 200)) {
            String topic = Topics.ALERTS.name();
            String undeliverable = io.embryostream.topics.Topics.ALERTS_UNDELIVERABLE.name();
            String group = AlertDeliveryConfig.defaults().get("alerts.group.id");
            broker.createTopics(new NewTopic(topic, 1, (short) 1), new NewTopic(undeliverable, 1, (short) 1));
            broker.addScramUser("alerts", "alerts-secret");
            broker.grant(List.of(allow(ResourceType.TOPIC, topic, AclOperation.READ),
                    allow(ResourceType.TOPIC, topic, AclOperation.DESCRIBE),
                    allow(ResourceType.TOPIC, undeliverable, AclOperation.WRITE),
                    allow(ResourceType.TOPIC, undeliverable, AclOperation.DESCRIBE),
                    allow(ResourceType.GROUP, group, AclOperation.READ),
                    allow(ResourceType.GROUP, group, AclOperation.DESCRIBE)));
            AlertEvent alert = SampleEvents.alert();
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(superUserClient(broker, tls),
                    new StringSerializer(), new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(topic, alert.getEmbryoId(), Topics.ALERTS.codec().encode(alert))).get();
            }
            Map<String, String> env = new HashMap<>();
            env.put("EMBRYO_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("EMBRYO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
            env.put("EMBRYO_KAFKA_SASL_MECHANISM", EmbeddedKafkaBroker.CLIENT_SASL_MECHANISM);
            env.put("EMBRYO_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"alerts\" password=\"alerts-secret\";");
            env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.truststore().toString());
            env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_PASSWORD", tls.password());
            env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
            env.put("EMBRYO_ALERTS_WEBHOOK_URL", webhook.url().toString());
            env.put("EMBRYO_ALERTS_WEBHOOK_SECRET", "a-shared-secret-of-32-characters");
            AlertDeliveryConfig config = new AlertDeliveryConfig(Settings.resolve(AlertDeliveryConfig.defaults(),
                    null, env, Map.of("metrics.port", "0")));
            try (AlertDelivery delivery = AlertDelivery.start(config, new DeliveryListener() { },
                    new SimpleMeterRegistry())) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (committed(broker, group) < 1 && System.currentTimeMillis() < deadline) {
                    assertThat(delivery.failure()).isEmpty();
                    Thread.sleep(200);
                }
            }
            assertThat(webhook.keys()).containsExactly(alert.getAlertId());
            assertThat(committed(broker, group)).isEqualTo(1);
        }
    }

    private static long committed(EmbeddedKafkaBroker broker, String group) throws Exception {
        try (var admin = broker.admin()) {
            var o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new org.apache.kafka.common.TopicPartition(Topics.ALERTS.name(), 0));
            return o == null ? 0 : o.offset();
        }
    }

    private static Map<String, Object> superUserClient(EmbeddedKafkaBroker broker, SelfSignedTls tls) {
        Map<String, Object> c = new HashMap<>(tls.clientTrust());
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", "PLAIN");
        c.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"broker\" password=\"broker-secret\";");
        return c;
    }

    private static AclBinding allow(ResourceType type, String name, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:alerts", "*", op, AclPermissionType.ALLOW));
    }
}
