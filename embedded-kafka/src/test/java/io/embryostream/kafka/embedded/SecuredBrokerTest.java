package io.embryostream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker secured as production clusters are (TLS, SASL/SCRAM, ACLs), with certificates made by
 * this test; clients configured only through {@code EMBRYO_KAFKA_*} variables, as the services are.
 */
class SecuredBrokerTest {

    private static final String TOPIC = "secured.frames";
    private static final String GROUP = "secured-reader";
    private static final String TRANSACTIONAL_ID = "secured-writer";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static SelfSignedTls tls;

    @BeforeAll
    static void startSecuredBroker() {
        tls = SelfSignedTls.generate(dir.resolve("tls"));
        broker = EmbeddedKafkaBroker.startSaslSsl(null, tls, "broker", "broker-secret");
        broker.createTopics(new NewTopic(TOPIC, 3, (short) 1));
        broker.addScramUser("classifier", "classifier-secret");
        broker.addScramUser("stranger", "stranger-secret");
        broker.grant(List.of(
                allow(ResourceType.TOPIC, TOPIC, AclOperation.WRITE),
                allow(ResourceType.TOPIC, TOPIC, AclOperation.READ),
                allow(ResourceType.TOPIC, TOPIC, AclOperation.DESCRIBE),
                allow(ResourceType.GROUP, GROUP, AclOperation.READ),
                allow(ResourceType.TRANSACTIONAL_ID, TRANSACTIONAL_ID, AclOperation.WRITE),
                allow(ResourceType.TRANSACTIONAL_ID, TRANSACTIONAL_ID, AclOperation.DESCRIBE)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static AclBinding allow(ResourceType type, String name, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:classifier", "*", op, AclPermissionType.ALLOW));
    }

    /** Client configs as a service derives them: the kafka.* settings, here from EMBRYO_ variables. */
    private static Map<String, Object> clientConfig(String user, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("EMBRYO_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EMBRYO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("EMBRYO_KAFKA_SASL_MECHANISM", EmbeddedKafkaBroker.CLIENT_SASL_MECHANISM);
        env.put("EMBRYO_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + user + "\" password=\"" + password + "\";");
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.truststore().toString());
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_PASSWORD", tls.password());
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        Settings settings = Settings.resolve(Map.of(), null, env, Map.of());
        Map<String, Object> config = new HashMap<>(settings.withPrefix("kafka."));
        config.put("default.api.timeout.ms", "8000");
        config.put("request.timeout.ms", "4000");
        return config;
    }

    @Test
    void theConfiguredClientWritesTransactionallyAndReadsCommittedOnly() {
        Map<String, Object> producerConfig = clientConfig("classifier", "classifier-secret");
        producerConfig.put("transactional.id", TRANSACTIONAL_ID);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(TOPIC, "e1", "aborted"));
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(TOPIC, "e1", "committed-1"));
            p.send(new ProducerRecord<>(TOPIC, "e2", "committed-2"));
            p.commitTransaction();
        }
        Map<String, Object> consumerConfig = clientConfig("classifier", "classifier-secret");
        consumerConfig.put("group.id", GROUP);
        consumerConfig.put("auto.offset.reset", "earliest");
        consumerConfig.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < 2 && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            c.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
            c.commitSync();
        }
        assertThat(values).containsExactlyInAnyOrder("committed-1", "committed-2");
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(clientConfig("classifier", "not-the-password"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutSaslCredentialsIsRefused() {
        Map<String, Object> config = clientConfig("classifier", "classifier-secret");
        config.put("security.protocol", "SSL");
        config.remove("sasl.jaas.config");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", "5000", "request.timeout.ms", "2000"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void anAuthenticatedUserWithoutAclsCannotWrite() {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(clientConfig("stranger", "stranger-secret"),
                new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> p.send(new ProducerRecord<>(TOPIC, "e1", "x")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
