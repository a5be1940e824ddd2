package io.embryostream.synthetic.simulate;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.FramePlanes;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The incubator into the embedded broker: frames and lifecycle events keyed by embryo id, decodable, with truth. */
class SyntheticIncubatorKafkaTest {

    @Test
    void framesAndLifecycleArriveKeyedByEmbryoIdWithGroundTruth() throws Exception {
        // a fresh seed per run: the embryo ids are this run's alone on the shared broker
        long seed = ThreadLocalRandom.current().nextLong();
        IncubatorConfig config = new IncubatorConfig(new IncubatorLayout(1, 1, 3), new CultureSchedule(30, 4), 1e9,
                List.of(0, 15), seed, TimelineSampler.Rates.literature(), null, 2, 0, SyntheticIncubatorTest.IDS);
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap));
             SyntheticIncubator incubator = new SyntheticIncubator(config)) {
            incubator.start(sink);
            assertThat(incubator.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(incubator.failure()).isEmpty();
        }
        Set<String> embryos = config.layout().wells().stream()
                .map(w -> SyntheticIncubatorTest.IDS.embryoId(w.sourceIdentity(seed))).collect(Collectors.toSet());

        List<ConsumerRecord<String, FrameEvent>> frames = consume(bootstrap, Topics.FRAMES, embryos, 3 * 8);
        List<ConsumerRecord<String, EmbryoLifecycle>> lifecycle = consume(bootstrap, Topics.LIFECYCLE, embryos, 3 * 2);

        assertThat(frames).hasSize(24).allSatisfy(r -> { // one record per time point, two planes each
            assertThat(r.key()).isEqualTo(r.value().getEmbryoId());
            assertThat(r.value().getGroundTruth()).isNotNull();
            assertThat(r.value().getGroundTruth().getCellCount()).isPositive();
            assertThat(FramePlanes.count(r.value())).isEqualTo(2);
            for (PlaneImage p : FramePlanes.of(r.value())) {
                assertThat(CanonicalImages.pixels(p.getImage())).hasSize(256 * 256);
            }
        });
        frames.stream().collect(Collectors.groupingBy(ConsumerRecord::key)).values().forEach(perEmbryo -> {
            assertThat(perEmbryo).extracting(ConsumerRecord::partition).containsOnly(perEmbryo.get(0).partition());
            assertThat(perEmbryo).extracting(r -> r.value().getTimePoint())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        });
        assertThat(lifecycle).extracting(r -> r.value().getState()).containsOnly(LifecycleState.STARTED, LifecycleState.ENDED);
        assertThat(lifecycle.stream().filter(r -> r.value().getState() == LifecycleState.ENDED).map(ConsumerRecord::key))
                .containsExactlyInAnyOrderElementsOf(embryos);
    }

    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> consume(String bootstrap, Topic<V> topic,
                                                                                       Set<String> keys, int expected) {
        List<ConsumerRecord<String, V>> mine = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "incubator-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), topic.valueSerde())) {
            c.subscribe(List.of(topic.name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (mine.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        mine.add(r);
                    }
                });
            }
        }
        return mine;
    }
}
