package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code tail} against the shared embedded broker: JSON a Kafka shop's tools read, bad records named and skipped. */
class TailCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsCommittedRecordsAsJsonLinesNamesWhatItCannotDecodeAndDecodesDeadLetters() throws Exception {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        String embryo = "tail-" + UUID.randomUUID();
        StageEvent stage = StageEvent.newBuilder(SampleEvents.stage()).setEmbryoId(embryo).build();
        DeadLetter dead = DeadLetter.newBuilder(SampleEvents.deadLetter()).setOriginTopic(Topics.FRAMES.name())
                .setOriginalValue(ByteBuffer.wrap(Topics.FRAMES.codec().encode(SampleEvents.frame(embryo, 3, 0)))).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.STAGES.name(), embryo, Topics.STAGES.codec().encode(stage))).get();
            producer.send(new ProducerRecord<>(Topics.STAGES.name(), embryo, "not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.STAGES.name(), embryo, Topics.STAGES.codec().encode(
                    StageEvent.newBuilder(stage).setTimePoint(stage.getTimePoint() + 1).build()))).get();
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), embryo, Topics.DEAD_LETTERS.codec().encode(dead))).get();
        }

        CommandRun stages = CommandRun.of("tail", Topics.STAGES.name(), "--from-beginning", "--key", embryo,
                "--idle", "2s", "--bootstrap-servers", bootstrap);

        assertThat(stages.exit()).as(stages.err()).isZero();
        List<JsonNode> lines = stages.out().lines().map(TailCommandTest::parse).toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> {
            assertThat(l.path("topic").asText()).isEqualTo(Topics.STAGES.name());
            assertThat(l.path("key").asText()).isEqualTo(embryo);
            assertThat(l.path("value").path("embryoId").asText()).isEqualTo(embryo);
            assertThat(l.path("value").path("probabilities").isArray()).isTrue();
        });
        assertThat(lines).extracting(l -> l.path("value").path("timePoint").asInt())
                .containsExactly(stage.getTimePoint(), stage.getTimePoint() + 1);
        long badOffset = lines.get(0).path("offset").asLong() + 1;
        assertThat(stages.err()).contains(Topics.STAGES.name() + "/" + lines.get(0).path("partition").asInt() + "@"
                + badOffset + ": cannot decode: ");

        CommandRun letters = CommandRun.of("tail", Topics.DEAD_LETTERS.name(), "--from-beginning", "--key", embryo,
                "--max", "1", "--bootstrap-servers", bootstrap);

        assertThat(letters.out()).as(letters.err()).isNotBlank();
        JsonNode letter = parse(letters.out().strip());
        assertThat(letter.path("value").path("reason").asText()).isEqualTo(dead.getReason().name());
        assertThat(letter.path("value").path("originalValue").path("bytes").asInt()).as("bytes summarised").isPositive();
        assertThat(letter.path("original").path("embryoId").asText()).as("the original decoded").isEqualTo(embryo);
        assertThat(letter.path("original").path("timePoint").asInt()).isEqualTo(3);
        assertThat(letter.path("original").path("image").path("data").path("sha256").asText()).hasSize(16);
    }

    @Test
    void anUnknownTopicIsRefusedNamingTheCatalogsTopics() {
        CommandRun run = CommandRun.of("tail", "embryo.stage.v1", "--bootstrap-servers", "localhost:1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown topic 'embryo.stage.v1'", Topics.STAGES.name(), Topics.ALERTS_UNDELIVERABLE.name());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
