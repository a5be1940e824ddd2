package io.embryostream.classifier.assemble;

import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.PendingTimePointValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.embryostream.classifier.embryo.StateSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * A time point with every plane its model reads, ready for inference: its frames as canonical
 * pixels. Held in the changelogged pending stores as raw GRAY8 ({@link PendingTimePointValue} v2;
 * the Streams producer compresses the changelog), so no image codec runs on the classifier's path;
 * entries written as PNG (v1, release 0.1) are decoded once when read back.
 */
public final class ReadyTimePoint {

    /** The value serde of the pending stores (pending-time-points, pending-planes). */
    public static final Serde<ReadyTimePoint> SERDE = StateSerde.of(ReadyTimePoint::toBytes, ReadyTimePoint::fromBytes);

    private static final StateCodec<PendingTimePointValue> CODEC = StateCodec.of(PendingTimePointValue.class,
            "pending time points");
    private static final String GRAY8 = "GRAY8";
    /** The format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 1;

    private final String embryoId;
    private final String displayLabel;
    private final int timePoint;
    private final double hours;
    private final long ingestTime;
    private final long acquisitionTime;
    private final List<String> flags;
    private final byte[][] gray8;

    public ReadyTimePoint(String embryoId, String displayLabel, int timePoint, double hours, long ingestTime,
                          long acquisitionTime, List<String> flags, byte[][] gray8) {
        this.embryoId = embryoId;
        this.displayLabel = displayLabel;
        this.timePoint = timePoint;
        this.hours = hours;
        this.ingestTime = ingestTime;
        this.acquisitionTime = acquisitionTime;
        this.flags = List.copyOf(flags);
        this.gray8 = gray8;
    }

    public String embryoId() {
        return embryoId;
    }

    public String displayLabel() {
        return displayLabel;
    }

    public int timePoint() {
        return timePoint;
    }

    public double hours() {
        return hours;
    }

    public long ingestTime() {
        return ingestTime;
    }

    /** Acquisition time in epoch millis, or -1 when unknown. */
    public long acquisitionTime() {
        return acquisitionTime;
    }

    public List<String> flags() {
        return flags;
    }

    /** Canonical gray8 frames in the model's plane order. */
    public byte[][] gray8() {
        return gray8;
    }

    /** The stored form: {@link PendingTimePointValue} in single-object encoding. */
    public byte[] toBytes() {
        List<ByteBuffer> frames = new ArrayList<>(gray8.length);
        for (byte[] p : gray8) {
            frames.add(ByteBuffer.wrap(p));
        }
        return CODEC.encode(new PendingTimePointValue(embryoId, displayLabel, timePoint, hours, ingestTime,
                acquisitionTime, flags, frames, GRAY8));
    }

    /** Reads the stored form, or format 1 of the builds before the Avro state schemas. */
    public static ReadyTimePoint fromBytes(byte[] bytes) {
        if (!StateCodec.isSingleObject(bytes)) {
            return fromLegacyBytes(bytes);
        }
        PendingTimePointValue v = CODEC.decode(bytes);
        byte[][] frames = new byte[v.getFrames().size()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = StateCodec.bytesOf(v.getFrames().get(i));
        }
        boolean png = !GRAY8.equals(v.getFrameEncoding());
        return new ReadyTimePoint(v.getEmbryoId(), v.getDisplayLabel(), v.getTimePoint(), v.getHours(),
                v.getIngestTime(), v.getAcquisitionTime(), v.getFlags(), png ? decoded(frames, v.getEmbryoId(), v.getTimePoint())
                : frames);
    }

    private static ReadyTimePoint fromLegacyBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != LEGACY_FORMAT) {
            throw new IllegalStateException("pending time point format not readable by this build; reset the"
                    + " state stores");
        }
        String id = string(b);
        String label = string(b);
        int tp = b.getInt();
        double h = b.getDouble();
        long ingest = b.getLong();
        long acq = b.getLong();
        String f = string(b);
        byte[][] pngs = new byte[b.getInt()][];
        for (int i = 0; i < pngs.length; i++) {
            pngs[i] = new byte[b.getInt()];
            b.get(pngs[i]);
        }
        List<String> flags = f.isEmpty() ? List.of() : new ArrayList<>(List.of(f.split("\n")));
        return new ReadyTimePoint(id, label, tp, h, ingest, acq, flags, decoded(pngs, id, tp));
    }

    /** The pixels of frames stored as PNG by earlier releases; they were validated at intake. */
    private static byte[][] decoded(byte[][] pngs, String embryoId, int timePoint) {
        byte[][] g = new byte[pngs.length][];
        for (int i = 0; i < pngs.length; i++) {
            try {
                g[i] = CanonicalPng.decode(pngs[i]);
            } catch (CanonicalPngException e) {
                throw new IllegalStateException("pending frame of " + embryoId + " tp " + timePoint
                        + " no longer decodes: " + e.getMessage(), e);
            }
        }
        return g;
    }

    private static String string(ByteBuffer b) {
        byte[] x = new byte[b.getInt()];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }
}
