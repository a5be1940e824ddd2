package io.embryostream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.FramePlanes;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.topics.Topics;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one FrameEvent builder, for a time point's planes in one record; read back through the real codec. */
class FramePublisherTest {

    private static final FramePublisher.Embryo EMBRYO = new FramePublisher.Embryo("e1", "S1 P01", "test 1.0");

    private static FramePublisher.CanonicalFrameEvent plane(int timePoint, int plane) {
        byte[] pixels = new byte[CanonicalImages.GRAY8_BYTES];
        Arrays.fill(pixels, (byte) plane);
        return new FramePublisher.CanonicalFrameEvent(timePoint, plane, 12.5, HpiSource.FRAME_INTERVAL, null, pixels,
                "video_" + plane + ".mp4#" + timePoint, null);
    }

    @Test
    void aTimePointsPlanesTravelInOneRecordEachWithItsPixelsAndSource() {
        FrameEvent e = FramePublisher.event(EMBRYO, List.of(plane(4, 0), plane(4, -15), plane(4, 15)), Instant.EPOCH);
        FrameEvent back = Topics.FRAMES.codec().decode(Topics.FRAMES.name(), Topics.FRAMES.codec().encode(e));

        assertThat(back.getFrameId()).isEqualTo("e1:4:0");
        assertThat(FramePlanes.count(back)).isEqualTo(3);
        assertThat(FramePlanes.of(back)).extracting(PlaneImage::getFocalPlane).containsExactly(0, -15, 15);
        assertThat(FramePlanes.of(back)).extracting(PlaneImage::getSourceRef)
                .containsExactly("video_0.mp4#4", "video_-15.mp4#4", "video_15.mp4#4");
        assertThat(FramePlanes.of(back)).allSatisfy(p -> assertThat(p.getImage().getData().get(0))
                .isEqualTo((byte) p.getFocalPlane()));
    }

    @Test
    void onePlaneIsTheSameRecordADevicePublishes() {
        FrameEvent single = FramePublisher.event(EMBRYO, List.of(plane(2, 0)), Instant.EPOCH);
        assertThat(single).isEqualTo(FramePublisher.event(EMBRYO, plane(2, 0), Instant.EPOCH));
        assertThat(single.getOtherPlanes()).isNull();
    }

    @Test
    void planesOfAnotherTimePointOrARepeatedPlaneAreRefused() {
        assertThatThrownBy(() -> FramePublisher.event(EMBRYO, List.of(plane(4, 0), plane(5, 15)), Instant.EPOCH))
                .hasMessageContaining("video_15.mp4#5").hasMessageContaining("one time point, each plane once");
        assertThatThrownBy(() -> FramePublisher.event(EMBRYO, List.of(plane(4, 0), plane(4, 0)), Instant.EPOCH))
                .hasMessageContaining("plane 0 of time point 4");
        assertThatThrownBy(() -> FramePublisher.event(EMBRYO, List.of(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
