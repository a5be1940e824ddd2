package io.embryostream.ingest.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EmbryoLocatorTest {

    private static final double TOLERANCE_PX = 4;

    @ParameterizedTest(name = "MIRI 1280x720 embryo at ({0},{1}) r={2}")
    @CsvSource({"640, 360, 156", "430, 215, 150", "860, 510, 160", "600, 380, 140"})
    void locatesMiriEmbryo(double x, double y, double r) {
        assertLocated(SyntheticEmbryoFrame.miri(x, y, r), false);
    }

    @ParameterizedTest(name = "EmbryoScope 500x500 embryo at ({0},{1}) r={2}, burned-in text")
    @CsvSource({"250, 245, 180", "235, 230, 165", "262, 250, 190"})
    void locatesEmbryoScopeEmbryoDespiteBurnedInText(double x, double y, double r) {
        assertLocated(SyntheticEmbryoFrame.embryoScope(x, y, r), true);
    }

    @Test
    void locatesAnEmbryoUnderStronglyUnevenIllumination() {
        // Medium from about 95 on the left to 235 on the right: the zona on the dark side is darker
        // than the cytoplasm on the bright side.
        assertLocated(SyntheticEmbryoFrame.miri(560, 330, 150).withIlluminationRamp(140), false);
    }

    @Test
    void findsNothingInABlankFrame() {
        SyntheticEmbryoFrame frame = SyntheticEmbryoFrame.miri(640, 360, 156);
        try (EmbryoLocator locator = new EmbryoLocator(); Mat mat = gray(frame.renderBlank(3), 1280, 720)) {
            assertThat(locator.locate(mat)).isEmpty();
        }
    }

    private static void assertLocated(SyntheticEmbryoFrame frame, boolean text) {
        for (long seed = 1; seed <= 3; seed++) {
            try (EmbryoLocator locator = new EmbryoLocator();
                 Mat mat = gray(frame.render(seed, text), frame.width(), frame.height())) {
                Optional<EmbryoCircle> found = locator.locate(mat);
                assertThat(found).as("seed %d", seed).isPresent();
                EmbryoCircle c = found.get();
                assertThat(c.centerX()).as("centre x, seed %d", seed).isCloseTo(frame.centerX(), within(TOLERANCE_PX));
                assertThat(c.centerY()).as("centre y, seed %d", seed).isCloseTo(frame.centerY(), within(TOLERANCE_PX));
                assertThat(c.radius()).as("outer radius, seed %d", seed).isCloseTo(frame.radius(), within(TOLERANCE_PX));
            }
        }
    }

    static Mat gray(byte[] pixels, int width, int height) {
        Mat mat = new Mat(height, width, CV_8UC1);
        mat.data().put(pixels);
        return mat;
    }
}
