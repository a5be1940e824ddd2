package io.embryostream.frames;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG (8-bit gray) encoding of canonical frames, as published in FrameEvents and written by export-dataset. */
public final class CanonicalPng {

    private CanonicalPng() {
    }

    /** Encodes a canonical {@code SIZE×SIZE} frame. */
    public static byte[] encode(byte[] gray8) {
        return encode(gray8, CanonicalFrame.SIZE, CanonicalFrame.SIZE);
    }

    /** Encodes {@code width×height} row-major gray8 pixels as an 8-bit gray PNG. */
    public static byte[] encode(byte[] gray8, int width, int height) {
        if (width <= 0 || height <= 0 || gray8.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " gray8 bytes, got " + gray8.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(gray8, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, gray8.length);
        ByteArrayOutputStream png = new ByteArrayOutputStream(gray8.length / 2);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            // Writing to memory cannot fail for I/O reasons; anything here is a JDK fault.
            throw new UncheckedIOException("PNG encoder failed on an in-memory image", e);
        }
        return png.toByteArray();
    }

    /** Decodes a canonical frame PNG, requiring {@code SIZE×SIZE} 8-bit gray. */
    public static byte[] decode(byte[] png) throws CanonicalPngException {
        return decode(png, CanonicalFrame.SIZE, CanonicalFrame.SIZE);
    }

    /** Decodes an 8-bit gray PNG of exactly {@code width×height} to row-major gray8 bytes. */
    public static byte[] decode(byte[] png, int width, int height) throws CanonicalPngException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw new CanonicalPngException(CanonicalPngException.Problem.CORRUPT, "corrupt image data (" + png.length + " bytes): " + e.getMessage(), e);
        }
        if (image == null) {
            throw new CanonicalPngException(CanonicalPngException.Problem.CORRUPT, "not a PNG or other image format the JDK reads (" + png.length + " bytes)", null);
        }
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new CanonicalPngException(CanonicalPngException.Problem.NOT_GRAY, "expected 8-bit gray pixels, got BufferedImage type " + image.getType()
                    + " with " + image.getColorModel().getNumComponents() + " components", null);
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new CanonicalPngException(CanonicalPngException.Problem.WRONG_SIZE, "expected " + width + "x" + height + ", got " + image.getWidth() + "x"
                    + image.getHeight(), null);
        }
        byte[] gray8 = new byte[width * height];
        image.getRaster().getDataElements(0, 0, width, height, gray8);
        return gray8;
    }
}
