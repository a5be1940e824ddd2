package io.embryostream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaFrameSinkTest {

    @Test
    void framesArriveKeyedByEmbryoIdAndDecodable() {
        String embryo = "sink-" + UUID.randomUUID();
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap))) {
            for (int tp = 1; tp <= 5; tp++) {
                sink.frame(SampleEvents.frame(embryo, tp, 0));
            }
            sink.flush();
        }
        List<ConsumerRecord<String, FrameEvent>> mine = new ArrayList<>();
        try (KafkaConsumer<String, FrameEvent> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "sink-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                Topics.FRAMES.valueSerde())) {
            c.subscribe(List.of(Topics.FRAMES.name()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (mine.size() < 5 && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key().equals(embryo)) {
                        mine.add(r);
                    }
                });
            }
        }
        assertThat(mine).extracting(r -> r.value().getTimePoint()).containsExactly(1, 2, 3, 4, 5);
        assertThat(mine).extracting(ConsumerRecord::partition).containsOnly(mine.get(0).partition());
    }
}
