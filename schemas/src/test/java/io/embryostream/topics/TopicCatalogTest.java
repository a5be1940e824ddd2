package io.embryostream.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.StageEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void theShippedCatalogDeclaresEveryTopicOnce() {
        TopicCatalog c = TopicCatalog.standard();
        assertThat(c.topics()).extracting(TopicSpec::name).containsExactlyInAnyOrder("embryo.frames.v1",
                "embryo.stages.v1", "embryo.transitions.v1", "embryo.alerts.v1", "embryo.lifecycle.v1",
                "embryo.deadletter.v1", "embryo.alerts.undeliverable.v1", "embryo.annotations.v1",
                "embryo.replays.v1", "embryo.ingest.progress.v1")
                .doesNotHaveDuplicates();
        assertThat(c.topics()).allSatisfy(t -> {
            assertThat(t.partitions()).isEqualTo(12);
            assertThat(t.config()).containsKeys("cleanup.policy", "max.message.bytes");
        });
        assertThat(c.requireRole("lifecycle").config()).containsEntry("cleanup.policy", "compact");
        assertThat(c.changelogConfig()).containsKey("max.message.bytes");
    }

    @Test
    void topicsCarryTheirNamesAndSerdesFromTheCatalog() {
        assertThat(Topics.FRAMES.name()).isEqualTo("embryo.frames.v1");
        assertThat(Topics.FRAMES.codec().type()).isEqualTo(FrameEvent.class);
        assertThat(Topics.STAGES.codec().type()).isEqualTo(StageEvent.class);
        assertThat(Topics.DEAD_LETTERS.name()).isEqualTo("embryo.deadletter.v1");
        assertThat(Topics.ANNOTATIONS.name()).isEqualTo("embryo.annotations.v1");
        assertThat(Topics.ANNOTATIONS.codec().type()).isEqualTo(AnnotationEvent.class);
    }

    @Test
    void newTopicsOverrideTheReplicationFactorForSingleBrokers() {
        assertThat(TopicCatalog.standard().newTopics((short) 1)).allSatisfy(t -> {
            assertThat(t.replicationFactor()).isEqualTo((short) 1);
            assertThat(t.numPartitions()).isEqualTo(12);
        });
        assertThat(TopicCatalog.standard().newTopics(null)).extracting(NewTopic::replicationFactor)
                .containsOnly((short) 3);
    }

    @Test
    void aCatalogEntryWithoutANameIsRejected() {
        String yaml = "topics:\n  - role: frames\n    value: FrameEvent\n";
        assertThatThrownBy(() -> TopicCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("lacks 'name'");
    }

    @Test
    void aTopicWhoseCatalogValueTypeDisagreesWithTheCodeIsRejected() {
        TopicSpec spec = TopicCatalog.standard().requireRole("frames");
        assertThatThrownBy(() -> new Topic<>(spec, StageEvent.class))
                .hasMessageContaining("carries FrameEvent").hasMessageContaining("StageEvent");
    }
}
