package io.embryostream.ingest.canonical;

import io.embryostream.frames.CanonicalFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** PNG (8-bit gray) encoding of canonical frames, as published in FrameEvents and written by export-dataset. */
public final class CanonicalPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte FILTER_UP = 2;

    private CanonicalPng() {
    }

    /** Encodes a canonical {@code SIZE×SIZE} frame. */
    public static byte[] encode(byte[] gray8) {
        return encode(gray8, CanonicalFrame.SIZE, CanonicalFrame.SIZE);
    }

    /**
     * Encodes {@code width×height} row-major gray8 pixels as an 8-bit gray PNG: every row with the Up filter, the
     * residuals Huffman-coded (zlib, no string matching). Noisy micrographs leave string matching little to find,
     * so this is about four times faster than ImageIO's adaptive encoder and its files are smaller; PNG encoding
     * was the larger part of rendering a synthetic frame.
     */
    public static byte[] encode(byte[] gray8, int width, int height) {
        if (width <= 0 || height <= 0 || gray8.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " gray8 bytes, got " + gray8.length);
        }
        byte[] filtered = new byte[(width + 1) * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int out = y * (width + 1);
            filtered[out] = FILTER_UP;
            for (int x = 0; x < width; x++) {
                filtered[out + 1 + x] = (byte) (gray8[row + x] - (y > 0 ? gray8[row - width + x] : 0));
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setStrategy(Deflater.HUFFMAN_ONLY);
        deflater.setInput(filtered);
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream(filtered.length);
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit gray, deflate, no interlace
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 64);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
        } catch (IOException e) {
            throw new CanonicalPngException("corrupt image data (" + png.length + " bytes): " + e.getMessage(), e);
        }
        if (image == null) {
            throw new CanonicalPngException("not a PNG or other image format the JDK reads (" + png.length + " bytes)", null);
        }
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new CanonicalPngException("expected 8-bit gray pixels, got BufferedImage type " + image.getType()
                    + " with " + image.getColorModel().getNumComponents() + " components", null);
        }
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new CanonicalPngException("expected " + width + "x" + height + ", got " + image.getWidth() + "x"
                    + image.getHeight(), null);
        }
        byte[] gray8 = new byte[width * height];
        image.getRaster().getDataElements(0, 0, width, height, gray8);
        return gray8;
    }
}
