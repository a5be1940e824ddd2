package io.embryostream.ingest.canonical;

import static io.embryostream.ingest.canonical.EmbryoLocatorTest.gray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.frames.CanonicalFrame;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class CanonicalCropperTest {

    private static final int SIZE = CanonicalFrame.SIZE;

    @Test
    void canonicalCropOfAnEmbryoScopeFrameExcludesTheBurnedInText() {
        SyntheticEmbryoFrame scene = SyntheticEmbryoFrame.embryoScope(250, 245, 185);
        byte[] pixels = scene.render(7, true);
        assertThat(countTextPixels(pixels, 0, 0, scene.width(), scene.height()))
                .as("the scene really has burned-in text").isGreaterThan(100);

        byte[] canonical = new byte[SIZE * SIZE];
        try (EmbryoLocator locator = new EmbryoLocator(); CanonicalCropper cropper = new CanonicalCropper();
             Mat frame = gray(pixels, scene.width(), scene.height())) {
            EmbryoCircle circle = locator.locate(frame).orElseThrow();
            cropper.crop(frame, circle, canonical);

            int side = (int) Math.round(CanonicalFrame.CROP_SIDE_PER_RADIUS * circle.radius());
            int x0 = (int) Math.round(circle.centerX() - side / 2.0);
            int y0 = (int) Math.round(circle.centerY() - side / 2.0);
            assertThat(countTextPixels(pixels, x0, y0, side, side)).as("text pixels inside the crop window").isZero();
        }
        int corner = 48;
        for (int[] origin : new int[][] {{0, 0}, {SIZE - corner, 0}, {0, SIZE - corner}, {SIZE - corner, SIZE - corner}}) {
            assertThat(countTextPixels(canonical, SIZE, origin[0], origin[1], corner, corner, 235))
                    .as("near-white pixels in the canonical corner at %s", Arrays.toString(origin)).isZero();
        }
    }

    @Test
    void canonicalFrameHasTheZonaAtTheCanonicalRadiusAroundTheCentre() {
        SyntheticEmbryoFrame scene = SyntheticEmbryoFrame.miri(700, 300, 150);
        byte[] canonical = new byte[SIZE * SIZE];
        try (CanonicalCropper cropper = new CanonicalCropper(); Mat frame = gray(scene.render(1, false), 1280, 720)) {
            cropper.crop(frame, new EmbryoCircle(700, 300, 150), canonical);
        }
        double zona = CanonicalFrame.ZONA_RADIUS_PX;
        for (int a = 0; a < 8; a++) {
            double angle = a * Math.PI / 4;
            int inZona = valueAt(canonical, angle, zona * 0.93);
            int outside = valueAt(canonical, angle, zona * 1.07);
            // The drawn zona is 70 gray levels darker than the medium; noise is sigma 8 before area averaging.
            assertThat(outside - inZona).as("medium minus zona at angle %d°", a * 45).isGreaterThan(40);
        }
    }

    @Test
    void padsWithTheCropBorderMeanWhereTheCropLeavesTheFrame() {
        byte[] pixels = new byte[400 * 300];
        Arrays.fill(pixels, (byte) 170);
        byte[] canonical = new byte[SIZE * SIZE];
        try (CanonicalCropper cropper = new CanonicalCropper(); Mat frame = gray(pixels, 400, 300)) {
            // Side 230 centred at (40, 40): the crop's top-left 75 pixels lie outside the frame.
            cropper.crop(frame, new EmbryoCircle(40, 40, 100), canonical);
        }
        for (byte value : canonical) {
            assertThat(value & 0xFF).isEqualTo(170);
        }
    }

    @Test
    void rejectsACircleWhoseCropMissesTheFrame() {
        try (CanonicalCropper cropper = new CanonicalCropper(); Mat frame = gray(new byte[100 * 100], 100, 100)) {
            assertThatThrownBy(() -> cropper.crop(frame, new EmbryoCircle(500, 500, 20), new byte[SIZE * SIZE]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the 100x100 frame");
        }
    }

    private static int valueAt(byte[] canonical, double angle, double radius) {
        int x = (int) Math.round(SIZE / 2.0 + radius * Math.cos(angle));
        int y = (int) Math.round(SIZE / 2.0 + radius * Math.sin(angle));
        return canonical[y * SIZE + x] & 0xFF;
    }

    private static int countTextPixels(byte[] pixels, int x0, int y0, int w, int h) {
        return countTextPixels(pixels, 500, x0, y0, w, h, SyntheticEmbryoFrame.TEXT_VALUE);
    }

    private static int countTextPixels(byte[] pixels, int stride, int x0, int y0, int w, int h, int threshold) {
        int rows = pixels.length / stride;
        int count = 0;
        for (int y = Math.max(0, y0); y < Math.min(rows, y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(stride, x0 + w); x++) {
                if ((pixels[y * stride + x] & 0xFF) >= threshold) {
                    count++;
                }
            }
        }
        return count;
    }
}
