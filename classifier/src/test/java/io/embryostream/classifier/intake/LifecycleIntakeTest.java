package io.embryostream.classifier.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LifecycleIntake alone: decoded events go on, tombstones are dropped, anything else is a dead letter. */
class LifecycleIntakeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MockProcessorContext<String, Object> context;
    private LifecycleIntake intake;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_700_000_000_000L);
        context.setRecordMetadata(Topics.LIFECYCLE.name(), 2, 9);
        intake = new LifecycleIntake(Topics.LIFECYCLE.name(), Topics.LIFECYCLE.codec(), new ClassifierMetrics(registry),
                "lifecycle", "dead");
        intake.init(context);
    }

    @Test
    void aLifecycleEventIsDecodedAndPassedOn() {
        EmbryoLifecycle l = SampleEvents.lifecycle();
        intake.process(new Record<>(l.getEmbryoId(), Topics.LIFECYCLE.codec().encode(l), 1L));

        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.forwarded().get(0).childName()).contains("lifecycle");
        assertThat(context.forwarded().get(0).record().value()).isEqualTo(l);
    }

    @Test
    void compactionTombstonesAreDropped() {
        intake.process(new Record<>("e1", null, 1L));
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void anEventKeyedByAnotherEmbryoOrByNoneIsADeadLetter() {
        byte[] value = Topics.LIFECYCLE.codec().encode(SampleEvents.lifecycle());
        intake.process(new Record<>(null, value, 1L));
        intake.process(new Record<>("e2", value, 1L));

        assertThat(context.forwarded()).hasSize(2).allSatisfy(f -> {
            assertThat(f.childName()).contains("dead");
            DeadLetter d = (DeadLetter) f.record().value();
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
            assertThat(d.getMessage()).contains("is not the event's embryo id");
        });
    }

    @Test
    void anUndecodableRecordIsADeadLetterWithItsOrigin() {
        byte[] value = "{\"state\":\"ENDED\"}".getBytes(StandardCharsets.UTF_8);
        intake.process(new Record<>("e1", value, 1L));

        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.forwarded().get(0).childName()).contains("dead");
        DeadLetter d = (DeadLetter) context.forwarded().get(0).record().value();
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(d.getOriginTopic()).isEqualTo(Topics.LIFECYCLE.name());
        assertThat(d.getOriginOffset()).isEqualTo(9);
        assertThat(registry.counter("embryo.dead.letters", "reason", "UNDECODABLE").count()).isEqualTo(1);
    }
}
