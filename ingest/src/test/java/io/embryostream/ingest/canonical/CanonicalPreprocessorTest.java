package io.embryostream.ingest.canonical;

import static io.embryostream.ingest.canonical.EmbryoLocatorTest.gray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.frames.CanonicalFrame;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class CanonicalPreprocessorTest {

    private static final SyntheticEmbryoFrame FIRST = SyntheticEmbryoFrame.miri(600, 350, 155);
    private static final SyntheticEmbryoFrame SHIFTED = SyntheticEmbryoFrame.miri(660, 380, 155);

    @Test
    void searchesOnTheFirstFrameAndThenEveryNthFrame() throws Exception {
        try (CanonicalPreprocessor pre = preprocessor(10)) {
            for (int i = 0; i < 10; i++) {
                pre.process((i < 5 ? FIRST : SHIFTED).render(i, false), 1280, 720);
            }
            // The dish moved at frame 5, but frames 1..9 reuse the circle found on frame 0.
            assertThat(pre.currentCircle().orElseThrow().centerX()).isCloseTo(600, within(4.0));

            pre.process(SHIFTED.render(10, false), 1280, 720);
            assertThat(pre.currentCircle().orElseThrow().centerX()).isCloseTo(660, within(4.0));

            for (int i = 11; i < 25; i++) {
                pre.process(SHIFTED.render(i, false), 1280, 720);
            }
            assertThat(pre.stats()).isEqualTo(new LocatorStats(25, 3, 0, 0));
        }
    }

    @Test
    void keepsTheLastCircleWhenARecheckFindsABlankFrame() throws Exception {
        try (CanonicalPreprocessor pre = preprocessor(2)) {
            pre.process(FIRST.render(1, false), 1280, 720);
            pre.process(FIRST.render(2, false), 1280, 720);
            EmbryoCircle before = pre.currentCircle().orElseThrow();

            byte[] canonical = pre.process(FIRST.renderBlank(3), 1280, 720);

            assertThat(canonical).hasSize(CanonicalFrame.SIZE * CanonicalFrame.SIZE);
            assertThat(pre.currentCircle()).contains(before);
            assertThat(pre.stats()).isEqualTo(new LocatorStats(3, 2, 1, 0));
        }
    }

    @Test
    void reportsABlankFirstFrameAndRecoversOnTheNextOne() throws Exception {
        try (CanonicalPreprocessor pre = preprocessor(12)) {
            assertThatThrownBy(() -> pre.process(FIRST.renderBlank(1), 1280, 720))
                    .isInstanceOf(EmbryoNotFoundException.class)
                    .hasMessageContaining("MTL-TEST P01 FP3 frame 0").hasMessageContaining("skip this frame");

            pre.process(FIRST.render(2, false), 1280, 720);

            assertThat(pre.currentCircle()).isPresent();
            assertThat(pre.stats()).isEqualTo(new LocatorStats(2, 2, 0, 1));
        }
    }

    @Test
    void bytesMatAndFrameInputsGiveTheSameCanonicalFrame() throws Exception {
        byte[] pixels = FIRST.render(5, false);
        byte[] fromBytes;
        byte[] fromMat;
        byte[] fromFrame;
        try (CanonicalPreprocessor pre = preprocessor(1)) {
            fromBytes = pre.process(pixels, 1280, 720);
        }
        try (CanonicalPreprocessor pre = preprocessor(1); Mat mat = gray(pixels, 1280, 720)) {
            fromMat = pre.process(mat);
        }
        try (CanonicalPreprocessor pre = preprocessor(1); Frame frame = new Frame(1280, 720, Frame.DEPTH_UBYTE, 1)) {
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int y = 0; y < 720; y++) {
                buffer.position(y * frame.imageStride);
                buffer.put(pixels, y * 1280, 1280);
            }
            buffer.rewind();
            fromFrame = pre.process(frame);
        }
        assertThat(fromMat).isEqualTo(fromBytes);
        assertThat(fromFrame).isEqualTo(fromBytes);
    }

    @Test
    void rejectsPixelsThatDoNotMatchTheStatedSize() {
        try (CanonicalPreprocessor pre = preprocessor(1)) {
            assertThatThrownBy(() -> pre.process(new byte[100], 1280, 720))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1280x720");
        }
    }

    private static CanonicalPreprocessor preprocessor(int recheckEvery) {
        return new CanonicalPreprocessor("MTL-TEST P01 FP3", recheckEvery, EmbryoLocator.Settings.defaults());
    }
}
