package io.embryostream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.TopicSpec;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the system needs from any Kafka broker, run against the embedded one here and against a
 * Testcontainers broker where a Docker engine exists.
 */
abstract class BrokerContractTests {

    abstract String bootstrapServers();

    /** Creates the catalog's topics on this broker (replication factor 1). */
    abstract void createCatalogTopics();

    @Test
    void catalogTopicsExistWithTheirPartitionsAndConfigs() throws Exception {
        createCatalogTopics();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<String> names = TopicCatalog.standard().topics().stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get();
            for (TopicSpec spec : TopicCatalog.standard().topics()) {
                assertThat(d.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            var cfg = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "embryo.lifecycle.v1")))
                    .all().get().values().iterator().next();
            assertThat(cfg.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void frameEventsTravelThroughTheBrokerWithTheRealSerde() {
        String topic = freshTopic();
        List<FrameEvent> sent = List.of(SampleEvents.frame("e1", 1, 0), SampleEvents.frame("e1", 1, 15),
                SampleEvents.frame("e2", 7, -15));
        try (KafkaProducer<String, FrameEvent> p = new KafkaProducer<>(producerProps(null),
                new StringSerializer(), Topics.FRAMES.valueSerde())) {
            sent.forEach(e -> p.send(new ProducerRecord<>(topic, e.getEmbryoId(), e)));
            p.flush();
        }
        List<ConsumerRecord<String, FrameEvent>> got = consume(topic, "read_uncommitted", sent.size());
        assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(got).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getEmbryoId()));
    }

    @Test
    void committedTransactionsAreVisibleAndAbortedOnesAreNotToReadCommittedConsumers() {
        String topic = freshTopic();
        try (KafkaProducer<String, FrameEvent> p = new KafkaProducer<>(producerProps("tx-" + UUID.randomUUID()),
                new StringSerializer(), Topics.FRAMES.valueSerde())) {
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, "aborted", SampleEvents.frame("aborted", 1, 0)));
            p.flush();
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, "committed", SampleEvents.frame("committed", 2, 0)));
            p.commitTransaction();
        }
        List<ConsumerRecord<String, FrameEvent>> committed = consume(topic, "read_committed", 1);
        assertThat(committed).extracting(ConsumerRecord::key).containsExactly("committed");
        List<ConsumerRecord<String, FrameEvent>> all = consume(topic, "read_uncommitted", 2);
        assertThat(all).extracting(ConsumerRecord::key).contains("aborted", "committed");
    }

    private String freshTopic() {
        String name = "contract-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(name, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError("cannot create " + name, e);
        }
        return name;
    }

    private Properties producerProps(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }

    /** Reads from the beginning until {@code expected} records arrived and one more poll found nothing. */
    private List<ConsumerRecord<String, FrameEvent>> consume(String topic, String isolation, int expected) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, FrameEvent>> out = new ArrayList<>();
        try (KafkaConsumer<String, FrameEvent> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                Topics.FRAMES.valueSerde())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            boolean quietAfterExpected = false;
            while (System.currentTimeMillis() < deadline && !quietAfterExpected) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                quietAfterExpected = out.size() >= expected && records.isEmpty();
            }
        }
        return out;
    }
}
