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
 * A time point with every plane its model reads, ready for inference. Held in the changelogged
 * pending store as PNG bytes ({@link PendingTimePointValue}: compact, and what the frame arrived as); the decoded pixels travel
 * alongside in memory so the common path decodes each frame once.
 */
public final class ReadyTimePoint {

    /** The value serde of the pending stores (pending-time-points, pending-planes). */
    public static final Serde<ReadyTimePoint> SERDE = StateSerde.of(ReadyTimePoint::toBytes, ReadyTimePoint::fromBytes);

    private static final StateCodec<PendingTimePointValue> CODEC = StateCodec.of(PendingTimePointValue.class,
            "pending time points");
    /** The format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 1;

    private final String embryoId;
    private final String displayLabel;
    private final int timePoint;
    private final double hours;
    private final long ingestTime;
    private final long acquisitionTime;
    private final List<String> flags;
    private final byte[][] pngs;
    private byte[][] gray8;

    public ReadyTimePoint(String embryoId, String displayLabel, int timePoint, double hours, long ingestTime,
                          long acquisitionTime, List<String> flags, byte[][] pngs, byte[][] gray8) {
        this.embryoId = embryoId;
        this.displayLabel = displayLabel;
        this.timePoint = timePoint;
        this.hours = hours;
        this.ingestTime = ingestTime;
        this.acquisitionTime = acquisitionTime;
        this.flags = List.copyOf(flags);
        this.pngs = pngs;
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

    /** Canonical gray8 frames in the model's plane order; decoded again after a restore. */
    public byte[][] gray8() {
        if (gray8 == null) {
            byte[][] g = new byte[pngs.length][];
            for (int i = 0; i < pngs.length; i++) {
                try {
                    g[i] = CanonicalPng.decode(pngs[i]);
                } catch (CanonicalPngException e) {
                    // Validated at intake before it was stored: a failure here is store corruption.
                    throw new IllegalStateException("pending frame of " + embryoId + " tp " + timePoint
                            + " no longer decodes: " + e.getMessage(), e);
                }
            }
            gray8 = g;
        }
        return gray8;
    }

    /** The same time point with its frames' decoded pixels (in plane order) attached. */
    ReadyTimePoint withDecoded(byte[][] pixels) {
        return new ReadyTimePoint(embryoId, displayLabel, timePoint, hours, ingestTime, acquisitionTime, flags, pngs,
                pixels);
    }

    /** The decoded frames if they are in memory, else null (no decode). */
    byte[][] decodedOrNull() {
        return gray8;
    }

    /** The frames as stored: PNG bytes in the model's plane order. */
    public byte[][] pngsForStore() {
        return pngs;
    }

    /** The stored form: {@link PendingTimePointValue} in single-object encoding. */
    public byte[] toBytes() {
        List<ByteBuffer> frames = new ArrayList<>(pngs.length);
        for (byte[] p : pngs) {
            frames.add(ByteBuffer.wrap(p));
        }
        return CODEC.encode(new PendingTimePointValue(embryoId, displayLabel, timePoint, hours, ingestTime,
                acquisitionTime, flags, frames));
    }

    /** Reads the stored form, or format 1 of the builds before the Avro state schemas. */
    public static ReadyTimePoint fromBytes(byte[] bytes) {
        if (!StateCodec.isSingleObject(bytes)) {
            return fromLegacyBytes(bytes);
        }
        PendingTimePointValue v = CODEC.decode(bytes);
        byte[][] pngs = new byte[v.getPngs().size()][];
        for (int i = 0; i < pngs.length; i++) {
            pngs[i] = StateCodec.bytesOf(v.getPngs().get(i));
        }
        return new ReadyTimePoint(v.getEmbryoId(), v.getDisplayLabel(), v.getTimePoint(), v.getHours(),
                v.getIngestTime(), v.getAcquisitionTime(), v.getFlags(), pngs, null);
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
        return new ReadyTimePoint(id, label, tp, h, ingest, acq, flags, pngs, null);
    }

    private static String string(ByteBuffer b) {
        byte[] x = new byte[b.getInt()];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }
}
