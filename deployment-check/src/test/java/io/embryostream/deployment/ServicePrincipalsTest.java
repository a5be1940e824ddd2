package io.embryostream.deployment;

import static io.embryostream.deployment.ServiceProcesses.DEV_JAR;
import static io.embryostream.deployment.ServiceProcesses.SERVICE_JAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.kafka.embedded.SelfSignedTls;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service under its own principal, as Kubernetes runs them: a SASL_SSL broker holds one SCRAM
 * user per {@code KafkaUser} of the rendered base overlay with exactly the ACLs that user's resource
 * grants (translated from Strimzi's form, nothing added); the synthetic incubator (as ingest), the
 * classifier, the view and alert delivery run as their own processes with their own users until a
 * stage event is committed and the view lists the embryo; reads and writes outside a user's grants
 * are denied.
 */
class ServicePrincipalsTest {

    private static final String SUPER_USER = "broker";

    @TempDir
    Path work;

    @Test
    void everyServiceRunsWithItsOwnUserAndTheRenderedAclsAndNothingMore() throws Exception {
        List<JsonNode> users = KubernetesManifestsTest.rendered("cpu").stream()
                .filter(d -> d.path("kind").asText().equals("KafkaUser")).toList();
        assertThat(users).extracting(u -> u.path("metadata").path("name").asText())
                .contains("classifier", "ingest", "alerts", "view", "operator");
        SelfSignedTls tls = SelfSignedTls.generate(work.resolve("tls"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSaslSsl(null, tls, SUPER_USER, "broker-secret");
             ServiceProcesses services = new ServiceProcesses(work)) {
            broker.createCatalogTopics(TopicCatalog.standard());
            for (JsonNode user : users) {
                String name = user.path("metadata").path("name").asText();
                broker.addScramUser(name, name + "-secret");
                broker.grant(acls(name, user.path("spec").path("authorization").path("acls")));
            }
            int viewPort = ServiceProcesses.freePort();
            services.start("simulate", DEV_JAR, client(broker, tls, "ingest"), "simulate", "--slides", "1", "--wells", "2",
                    "--speed", "200", "--threads", "1");
            Map<String, String> classifierEnv = client(broker, tls, "classifier");
            classifierEnv.put("EMBRYO_CLASSIFIER_REPLICATION_FACTOR", "1");
            services.start("classify", SERVICE_JAR, classifierEnv, "classify", "--models",
                    RepoFiles.root().resolve("models/gomez-16").toString(), "--metrics-port", "0",
                    "--state-dir", work.resolve("classifier-state").toString());
            Map<String, String> viewEnv = client(broker, tls, "view");
            viewEnv.put("EMBRYO_VIEW_REPLICATION_FACTOR", "1");
            services.start("view", SERVICE_JAR, viewEnv, "view", "--port", Integer.toString(viewPort),
                    "--state-dir", work.resolve("view-state").toString());
            Map<String, String> alertsEnv = client(broker, tls, "alerts");
            alertsEnv.put("EMBRYO_ALERTS_WEBHOOK_SECRET", "principals-test-secret");
            services.start("alerts", SERVICE_JAR, alertsEnv, "alerts", "--webhook-url", "http://localhost:9/alerts",
                    "--metrics-port", "0");

            Map<String, Object> superUser = new HashMap<>(tls.clientTrust());
            superUser.put("bootstrap.servers", broker.bootstrapServers());
            superUser.put("security.protocol", "SASL_SSL");
            superUser.put("sasl.mechanism", "PLAIN");
            superUser.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + SUPER_USER + "\" password=\"broker-secret\";");
            StageEvent first = services.firstRecord(superUser, Topics.STAGES);
            assertThat(first.getEmbryoId()).isNotBlank();
            assertThat(services.awaitViewListing(viewPort, first.getDisplayLabel())).contains(first.getEmbryoId());

            // outside the grants: ingest reads what the classifier wrote, the view writes frames
            try (KafkaConsumer<byte[], byte[]> ingestReading = new KafkaConsumer<>(clientConfig(broker, tls, "ingest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                ingestReading.assign(List.of(new TopicPartition(Topics.STAGES.name(), 0)));
                ingestReading.seekToBeginning(ingestReading.assignment());
                assertThatThrownBy(() -> ingestReading.poll(Duration.ofSeconds(10)))
                        .isInstanceOf(TopicAuthorizationException.class);
            }
            try (KafkaProducer<String, byte[]> viewWriting = new KafkaProducer<>(clientConfig(broker, tls, "view"),
                    new StringSerializer(), new ByteArraySerializer())) {
                assertThatThrownBy(() -> viewWriting.send(new ProducerRecord<>(Topics.FRAMES.name(), "e", new byte[1])).get())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            services.assertAllAlive();

            // the operator's tools: tail reads what the classifier wrote, a replay reads its ledger and the dead letters
            ServiceProcesses.Service tail = services.start("tail", SERVICE_JAR, client(broker, tls, "operator"), "tail",
                    Topics.STAGES.name(), "--from-beginning", "--max", "1");
            assertThat(tail.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tail.process().exitValue()).as(ServiceProcesses.tail(tail)).isZero();
            assertThat(ServiceProcesses.tail(tail)).contains("{\"topic\":\"" + Topics.STAGES.name() + "\"", "\"embryoId\":\"");
            ServiceProcesses.Service replay = services.start("replay", SERVICE_JAR, client(broker, tls, "operator"),
                    "replay-dead-letters");
            assertThat(replay.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(replay.process().exitValue()).as(ServiceProcesses.tail(replay)).isZero();
            assertThat(ServiceProcesses.tail(replay)).contains("Replayed 0 of embryo.deadletter.v1");
        }
    }

    /** A KafkaUser's ACLs (Strimzi's simple authorization) as the broker's bindings, one per operation. */
    private static List<AclBinding> acls(String user, JsonNode acls) {
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : acls) {
            JsonNode resource = acl.path("resource");
            ResourceType type = switch (resource.path("type").asText()) {
                case "topic" -> ResourceType.TOPIC;
                case "group" -> ResourceType.GROUP;
                case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
                case "cluster" -> ResourceType.CLUSTER;
                default -> throw new IllegalArgumentException("unknown Strimzi resource type " + resource);
            };
            String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
            PatternType pattern = resource.path("patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED
                    : PatternType.LITERAL;
            for (JsonNode op : acl.path("operations")) {
                // Strimzi writes DescribeConfigs, Kafka DESCRIBE_CONFIGS
                AclOperation operation = AclOperation.fromString(op.asText().replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT));
                assertThat(operation).as("operation " + op).isNotEqualTo(AclOperation.UNKNOWN);
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry("User:" + user, acl.path("host").asText("*"), operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** The environment the k8s ConfigMap kafka-client and the user's Secret give a service. */
    private static Map<String, String> client(EmbeddedKafkaBroker broker, SelfSignedTls tls, String user) {
        Map<String, String> env = new HashMap<>();
        env.put("EMBRYO_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("EMBRYO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("EMBRYO_KAFKA_SASL_MECHANISM", EmbeddedKafkaBroker.CLIENT_SASL_MECHANISM);
        env.put("EMBRYO_KAFKA_SASL_JAAS_CONFIG", jaas(user));
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.truststore().toString());
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_PASSWORD", tls.password());
        env.put("EMBRYO_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        return env;
    }

    private static String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + user + "-secret\";";
    }

    private static Map<String, Object> clientConfig(EmbeddedKafkaBroker broker, SelfSignedTls tls, String user) {
        Map<String, Object> c = new HashMap<>(tls.clientTrust());
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("security.protocol", "SASL_SSL");
        c.put("sasl.mechanism", EmbeddedKafkaBroker.CLIENT_SASL_MECHANISM);
        c.put("sasl.jaas.config", jaas(user));
        c.put("max.block.ms", "15000");
        return c;
    }
}
