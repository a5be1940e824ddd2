package io.embryostream.synthetic.simulate;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * Malformed frames the incubator can publish on purpose, so a demo shows the classifier's dead-letter path: each
 * is a well-formed event around image bytes or a plane the classifier must refuse. They carry embryo ids of their
 * own, never a simulated embryo's, so no real time series is disturbed.
 */
enum BadFrame {
    /** A canonical PNG cut off halfway: the decoder fails. */
    CORRUPT_PNG,
    /** A valid 8-bit gray PNG of 128x128 that says so: not the canonical 256x256. */
    WRONG_SIZE,
    /** A valid canonical frame in focal plane 99, which no incubator has. */
    UNKNOWN_PLANE;

    static final int UNKNOWN_PLANE_OFFSET = 99;

    /** Bad frame number {@code n} of a run (0-based), the kinds taken in turn. */
    public static FrameEvent make(int n, long seed, EmbryoIds ids, Instant at) {
        BadFrame kind = values()[n % values().length];
        String embryoId = ids.embryoId("synthetic:" + seed + "/bad-frame/" + n);
        int side = kind == WRONG_SIZE ? CanonicalFrame.SIZE / 2 : CanonicalFrame.SIZE;
        byte[] pixels = new byte[side * side];
        Arrays.fill(pixels, (byte) 128);
        byte[] png = CanonicalPng.encode(pixels, side, side);
        byte[] data = kind == CORRUPT_PNG ? Arrays.copyOf(png, png.length / 2) : png;
        int plane = kind == UNKNOWN_PLANE ? UNKNOWN_PLANE_OFFSET : 0;
        Image image = Image.newBuilder().setData(ByteBuffer.wrap(data)).setEncoding(ImageEncoding.PNG)
                .setWidth(side).setHeight(side).build();
        return FramePublisher.event(new FramePublisher.Embryo(embryoId, "bad frame " + n + " (" + kind + ")",
                        EmbryoRenderer.RENDERER_VERSION),
                new FramePublisher.CanonicalFrameEvent(1, plane, 0, HpiSource.RENDERER, at, null, "bad frame " + n, null),
                image, at);
    }
}
