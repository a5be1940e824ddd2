package io.embryostream.frames;

import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;

import java.nio.ByteBuffer;

/**
 * A canonical frame as a {@link io.embryostream.schemas.FrameEvent} carries it. The ingest and the
 * synthetic incubator publish {@link ImageEncoding#GRAY8}: the 65,536 pixels as they are, compressed
 * by the Kafka producer ({@code compression.type}, zstd by default) and decompressed by the Kafka
 * client, so no consumer decodes an image format; devices may still publish PNG (PRODUCER-CONTRACT.md).
 */
public final class CanonicalImages {

    /** Bytes of a canonical GRAY8 frame. */
    public static final int GRAY8_BYTES = CanonicalFrame.SIZE * CanonicalFrame.SIZE;

    private CanonicalImages() {
    }

    /** The frame as published: its pixels, GRAY8, canonical size. */
    public static Image gray8(byte[] pixels) {
        if (pixels.length != GRAY8_BYTES) {
            throw new IllegalArgumentException("a canonical frame has " + GRAY8_BYTES + " pixels, got " + pixels.length);
        }
        return Image.newBuilder().setData(ByteBuffer.wrap(pixels)).setEncoding(ImageEncoding.GRAY8)
                .setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build();
    }

    /**
     * The pixels of a canonical frame published as GRAY8 or PNG.
     *
     * @throws CanonicalPngException when it is not a canonical frame: a GRAY8 of the wrong length, a
     *                               PNG that does not decode to 256x256 8-bit gray, another encoding
     */
    public static byte[] pixels(Image image) throws CanonicalPngException {
        byte[] data = bytes(image.getData());
        if (image.getEncoding() == ImageEncoding.GRAY8) {
            if (data.length != GRAY8_BYTES) {
                throw new CanonicalPngException(CanonicalPngException.Problem.WRONG_SIZE, "GRAY8 image has " + data.length
                        + " bytes, not " + GRAY8_BYTES, null);
            }
            return data;
        }
        if (image.getEncoding() != ImageEncoding.PNG) {
            throw new CanonicalPngException(CanonicalPngException.Problem.CORRUPT, "image encoding " + image.getEncoding()
                    + " is not a canonical frame's (PNG or GRAY8)", null);
        }
        return CanonicalPng.decode(data);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
