package io.embryostream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CanonicalPngTest {

    private static final int SIZE = CanonicalFrame.SIZE;

    @Test
    void roundTripsEveryPixel() throws Exception {
        byte[] gray8 = new byte[SIZE * SIZE];
        new Random(11).nextBytes(gray8);
        byte[] png = CanonicalPng.encode(gray8);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(CanonicalPng.decode(png)).isEqualTo(gray8);
    }

    @Test
    void writesAnEightBitGrayPngThatOtherReadersSeeAsGray() throws Exception {
        byte[] png = CanonicalPng.encode(new byte[12 * 7], 12, 7);
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(7);
        // IHDR: bit depth 8, colour type 0 (gray).
        assertThat(png[24]).isEqualTo((byte) 8);
        assertThat(png[25]).isEqualTo((byte) 0);
    }

    @Test
    void rejectsAPngOfTheWrongSize() {
        byte[] png = CanonicalPng.encode(new byte[128 * 128], 128, 128);

        assertThatThrownBy(() -> CanonicalPng.decode(png)).isInstanceOf(CanonicalPngException.class)
                .hasMessageContaining("expected 256x256, got 128x128");
    }

    @Test
    void rejectsAColourPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR), "png", png);

        assertThatThrownBy(() -> CanonicalPng.decode(png.toByteArray())).isInstanceOf(CanonicalPngException.class)
                .hasMessageContaining("expected 8-bit gray");
    }

    @Test
    void rejectsBytesThatAreNoImage() {
        assertThatThrownBy(() -> CanonicalPng.decode("not an image".getBytes())).isInstanceOf(CanonicalPngException.class)
                .hasMessageContaining("not a PNG");
    }

    @Test
    void rejectsPixelsThatDoNotMatchTheSize() {
        assertThatThrownBy(() -> CanonicalPng.encode(new byte[10], 4, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
