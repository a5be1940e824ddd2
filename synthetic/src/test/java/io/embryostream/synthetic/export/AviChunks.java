package io.embryostream.synthetic.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a frame's bytes are in an AVI the writers wrote, for tests that damage one frame and leave the
 * headers and index intact. The writers' AVIs carry an OpenDML super index that names the video
 * stream's chunk id ({@code 00dc}) once before the frames.
 */
public final class AviChunks {

    private AviChunks() {
    }

    /** The offset of frame {@code frame}'s (1-based) {@code 00dc} chunk header; its payload starts 8 bytes later. */
    public static int frameChunk(byte[] avi, int frame) {
        byte[] tag = "00dc".getBytes(StandardCharsets.US_ASCII);
        int seen = 0;
        for (int i = 0; i + tag.length <= avi.length; i++) {
            // the first occurrence is the super index's, the next ones the frames' chunks
            if (Arrays.equals(avi, i, i + tag.length, tag, 0, tag.length) && ++seen == frame + 1) {
                return i;
            }
        }
        throw new IllegalArgumentException("the file has fewer than " + frame + " video frame chunks");
    }

    /** The payload size of the chunk at {@code chunk} (little-endian, after the four-character id). */
    public static int size(byte[] avi, int chunk) {
        return (avi[chunk + 4] & 0xff) | (avi[chunk + 5] & 0xff) << 8 | (avi[chunk + 6] & 0xff) << 16
                | (avi[chunk + 7] & 0xff) << 24;
    }
}
