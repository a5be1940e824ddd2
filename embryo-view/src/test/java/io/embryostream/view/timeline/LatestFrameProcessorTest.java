package io.embryostream.view.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.SampleEvents;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view keeps the central plane, whether it comes alone or with the time point's other planes. */
class LatestFrameProcessorTest {

    private final LatestFrameProcessor processor = new LatestFrameProcessor();
    private KeyValueStore<String, LatestFrame> store;

    @BeforeEach
    void setUp() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ViewTopology.FRAMES), Serdes.String(),
                new LatestFrame.FrameSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        processor.init(context);
    }

    private static FrameEvent frame(int timePoint, int plane, int... otherPlanes) {
        FrameEvent e = SampleEvents.frame("e1", timePoint, plane);
        e.setImage(CanonicalImages.gray8(filled(plane)));
        if (otherPlanes.length > 0) {
            e.setOtherPlanes(Arrays.stream(otherPlanes)
                    .mapToObj(p -> new PlaneImage(p, CanonicalImages.gray8(filled(p)), "plane " + p)).toList());
        }
        return e;
    }

    private static byte[] filled(int plane) {
        byte[] px = new byte[CanonicalImages.GRAY8_BYTES];
        Arrays.fill(px, (byte) (plane + 100));
        return px;
    }

    private void process(FrameEvent e) {
        processor.process(new Record<>("e1", e, 0L));
    }

    @Test
    void theCentralPlaneOfATimePointRecordIsKeptWhereverItSits() {
        process(frame(3, -15, 0, 15));
        assertThat(store.get("e1").timePoint()).isEqualTo(3);
        assertThat(store.get("e1").image()).isEqualTo(filled(0));
    }

    @Test
    void otherPlanesAloneAndOlderTimePointsLeaveTheNewestCentralFrame() {
        process(frame(5, 0));
        process(frame(6, 15, -15));
        process(frame(4, 0, 15));
        assertThat(store.get("e1").timePoint()).isEqualTo(5);
        assertThat(List.of(store.get("e1").image()[0])).containsExactly((byte) 100);
    }
}
