package io.embryostream.view.timeline;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The view's newest frame: pixels stored, PNG served; the PNG values release 0.1 stored still served as they are. */
class LatestFrameTest {

    private static byte[] pixels() {
        byte[] px = new byte[CanonicalImages.GRAY8_BYTES];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 239);
        }
        return px;
    }

    @Test
    void pixelsRoundTripTheStoreAndAreServedAsAPngOfThemselves() throws Exception {
        LatestFrame.FrameSerde serde = new LatestFrame.FrameSerde();
        LatestFrame stored = serde.deserialize("t", serde.serialize("t", new LatestFrame(4, 1.25, pixels())));

        assertThat(stored.timePoint()).isEqualTo(4);
        assertThat(stored.image()).isEqualTo(pixels());
        assertThat(CanonicalPng.decode(stored.png())).isEqualTo(pixels());
    }

    @Test
    void aPngStoredByTheFirstReleaseIsServedUnchanged() {
        byte[] png = CanonicalPng.encode(pixels());
        LatestFrame.FrameSerde serde = new LatestFrame.FrameSerde();
        LatestFrame stored = serde.deserialize("t", serde.serialize("t", new LatestFrame(2, 0.5, png)));

        assertThat(stored.png()).isEqualTo(png);
    }
}
