package io.embryostream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.schemas.FrameEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasedSchemaCheckTest {

    @Test
    void theCurrentContractReadsEveryReleasedVersion() throws Exception {
        assertThat(ReleasedSchemaCheck.check(List.of(FrameEvent.class.getName(),
                io.embryostream.schemas.StageEvent.class.getName(),
                io.embryostream.schemas.TransitionEvent.class.getName(),
                io.embryostream.schemas.AlertEvent.class.getName(),
                io.embryostream.schemas.EmbryoLifecycle.class.getName(),
                io.embryostream.schemas.DeadLetter.class.getName()))).isEmpty();
    }

    @Test
    void anIncompatibleChangeIsReported() throws Exception {
        List<String> v = ReleasedSchemaCheck.violations(FrameEvent.getClassSchema(),
                List.of(FrameEvent.getClassSchema(), EventCodecTest.schema("/older/FrameEvent-incompatible.avsc")));

        assertThat(v).singleElement().asString()
                .contains("released v2").contains("TYPE_MISMATCH at /fields/3").contains("default");
    }

    @Test
    void anOlderVersionWithAFieldFewerIsCompatible() throws Exception {
        assertThat(ReleasedSchemaCheck.violations(FrameEvent.getClassSchema(),
                List.of(EventCodecTest.schema("/older/FrameEvent-previous.avsc")))).isEmpty();
    }
}
