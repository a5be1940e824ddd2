package io.embryostream.classifier.embryo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Everything the classifier keeps per embryo between time points, in one changelogged store
 * entry: the model version and temporal head the embryo started with (its hidden state belongs to
 * them),
 * the high-water mark of accepted time points, the temporal model's state, the decoder's and the
 * alert rules' state, and what stalled-stream detection needs. Versioned bytes.
 */
public final class EmbryoState {

    /** 3 added the end time and the released marker, 2 the temporal head; 1 (LSTM only) and 2 are still read. */
    private static final byte FORMAT_VERSION = 3;

    public String modelVersion;
    /** The temporal head the embryo started on (its stored context belongs to it); null before its first result. */
    public String temporalHead;
    public String displayLabel = "";
    /** Highest time point accepted for inference; frames at or below it are late. */
    public int highWaterMark = -1;
    /** Highest time point whose StageEvent was emitted. */
    public int lastEmitted = -1;
    public float[] temporalState = new float[0];
    public byte[] decoderState = new byte[0];
    public byte[] alertState = new byte[0];
    public boolean live;
    /** Expected wall-clock minutes between frames of a live source (0 = unknown). */
    public double nominalIntervalMinutes;
    public long lastFrameWallMillis;
    public long lastRecordTimestamp;
    public boolean stalledRaised;
    /** The culture ended or the embryo was withdrawn: release after the grace period, once nothing is pending. */
    public boolean endRequested;
    /** Wall clock when the end was requested. */
    public long endRequestedWallMillis;
    /**
     * Released after its end: only this marker is left (high-water mark, last emitted time point), so a frame
     * that comes later is refused instead of starting the embryo again from nothing.
     */
    public boolean released;

    /** The marker a released embryo leaves: what identifies it and refuses later frames, none of its state. */
    public EmbryoState releasedMarker() {
        EmbryoState m = new EmbryoState();
        m.modelVersion = modelVersion;
        m.displayLabel = displayLabel;
        m.highWaterMark = highWaterMark;
        m.lastEmitted = lastEmitted;
        m.lastFrameWallMillis = lastFrameWallMillis;
        m.lastRecordTimestamp = lastRecordTimestamp;
        m.endRequested = true;
        m.endRequestedWallMillis = endRequestedWallMillis;
        m.released = true;
        return m;
    }

    public byte[] toBytes() {
        byte[] version = bytes(modelVersion == null ? "" : modelVersion);
        byte[] label = bytes(displayLabel);
        byte[] head = bytes(temporalHead == null ? "" : temporalHead);
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + version.length + 4 + head.length + 4 + label.length + 4 + 4
                + 4 + 4 * temporalState.length + 4 + decoderState.length + 4 + alertState.length
                + 1 + 8 + 8 + 8 + 1 + 1 + 8 + 1);
        b.put(FORMAT_VERSION).putInt(version.length).put(version).putInt(head.length).put(head)
                .putInt(label.length).put(label)
                .putInt(highWaterMark).putInt(lastEmitted).putInt(temporalState.length);
        for (float f : temporalState) {
            b.putFloat(f);
        }
        b.putInt(decoderState.length).put(decoderState).putInt(alertState.length).put(alertState)
                .put((byte) (live ? 1 : 0)).putDouble(nominalIntervalMinutes).putLong(lastFrameWallMillis)
                .putLong(lastRecordTimestamp).put((byte) (stalledRaised ? 1 : 0)).put((byte) (endRequested ? 1 : 0))
                .putLong(endRequestedWallMillis).put((byte) (released ? 1 : 0));
        return b.array();
    }

    public static EmbryoState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte v = b.get();
        if (v < 1 || v > FORMAT_VERSION) {
            throw new IllegalStateException("embryo state format " + v + " is not readable by this build; roll back"
                    + " the classifier or reset its state stores");
        }
        EmbryoState s = new EmbryoState();
        s.modelVersion = string(b);
        s.temporalHead = v == 1 ? io.embryostream.model.ModelMetadata.LSTM : string(b);
        s.displayLabel = string(b);
        s.highWaterMark = b.getInt();
        s.lastEmitted = b.getInt();
        s.temporalState = new float[b.getInt()];
        for (int i = 0; i < s.temporalState.length; i++) {
            s.temporalState[i] = b.getFloat();
        }
        s.decoderState = new byte[b.getInt()];
        b.get(s.decoderState);
        s.alertState = new byte[b.getInt()];
        b.get(s.alertState);
        s.live = b.get() == 1;
        s.nominalIntervalMinutes = b.getDouble();
        s.lastFrameWallMillis = b.getLong();
        s.lastRecordTimestamp = b.getLong();
        s.stalledRaised = b.get() == 1;
        s.endRequested = b.get() == 1;
        if (v >= 3) {
            s.endRequestedWallMillis = b.getLong();
            s.released = b.get() == 1;
        }
        if (s.modelVersion.isEmpty()) {
            s.modelVersion = null;
        }
        if (s.temporalHead.isEmpty()) {
            s.temporalHead = null;
        }
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer b) {
        byte[] x = new byte[b.getInt()];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }
}
