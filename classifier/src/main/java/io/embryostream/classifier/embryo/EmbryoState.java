package io.embryostream.classifier.embryo;

import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.EmbryoStateValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Everything the classifier keeps per embryo between time points, in one changelogged store
 * entry: the model version and temporal head the embryo started with (its hidden state belongs to
 * them),
 * the high-water mark of accepted time points, the temporal model's state, the decoder's and the
 * alert rules' state, and what stalled-stream detection needs. Stored as {@link EmbryoStateValue}.
 */
public final class EmbryoState {

    /** The embryo-state store's value serde. */
    public static final Serde<EmbryoState> SERDE = StateSerde.of(EmbryoState::toBytes, EmbryoState::fromBytes);

    private static final StateCodec<EmbryoStateValue> CODEC = StateCodec.of(EmbryoStateValue.class, "embryo-state");
    /** The last format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 3;

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
    /** Wall clock of the embryo's last frame (the assembler's). */
    public long lastFrameWallMillis;
    /** Wall clock of the STARTED that began this record (the lifecycle recorder's); 0 when none came. */
    public long startedWallMillis;
    /** {@link #lastFrameWallMillis} when the stalled-stream alert was raised (inference's); -1 never. */
    public long stalledAlertAtFrameWallMillis = -1;
    /** The culture ended or the embryo was withdrawn: release after the grace period, once nothing is pending. */
    public boolean endRequested;
    /** Wall clock when the end was requested. */
    public long endRequestedWallMillis;
    /**
     * Released after its end: only this marker is left (high-water mark, last emitted time point), so a frame
     * that comes later is refused instead of starting the embryo again from nothing.
     */
    public boolean released;
    /** Hours of the last time point the temporal head's context advanced to; NaN before the first. */
    public double headAdvancedHours = Double.NaN;
    /** Hours of the last time point classified; NaN before the first. */
    public double headLastHours = Double.NaN;
    /** Consecutive frame gaps off the model's interval (positive longer, negative shorter). */
    public int intervalMismatchStreak;
    /** The embryo's interval mismatch was counted and logged. */
    public boolean intervalMismatchReported;

    /** The last sign of life: its last frame, or its start when no frame came yet. */
    public long lastActivityWallMillis() {
        return Math.max(lastFrameWallMillis, startedWallMillis);
    }

    /** Whether the stalled-stream alert was raised since the last frame. */
    public boolean stalledRaisedSinceLastFrame() {
        return stalledAlertAtFrameWallMillis >= 0 && stalledAlertAtFrameWallMillis == lastFrameWallMillis;
    }

    /** The marker a released embryo leaves: what identifies it and refuses later frames, none of its state. */
    public EmbryoState releasedMarker() {
        EmbryoState m = new EmbryoState();
        m.modelVersion = modelVersion;
        m.displayLabel = displayLabel;
        m.highWaterMark = highWaterMark;
        m.lastEmitted = lastEmitted;
        m.lastFrameWallMillis = lastFrameWallMillis;
        m.startedWallMillis = startedWallMillis;
        m.endRequested = true;
        m.endRequestedWallMillis = endRequestedWallMillis;
        m.released = true;
        return m;
    }

    /** The store value: {@link EmbryoStateValue} in single-object encoding. */
    public byte[] toBytes() {
        List<Float> temporal = new ArrayList<>(temporalState.length);
        for (float f : temporalState) {
            temporal.add(f);
        }
        return CODEC.encode(EmbryoStateValue.newBuilder().setModelVersion(modelVersion).setTemporalHead(temporalHead)
                .setDisplayLabel(displayLabel).setHighWaterMark(highWaterMark).setLastEmitted(lastEmitted)
                .setTemporalState(temporal).setDecoderState(ByteBuffer.wrap(decoderState))
                .setAlertState(ByteBuffer.wrap(alertState)).setLive(live).setNominalIntervalMinutes(nominalIntervalMinutes)
                .setLastFrameWallMillis(lastFrameWallMillis).setStartedWallMillis(startedWallMillis)
                .setStalledAlertAtFrameWallMillis(stalledAlertAtFrameWallMillis).setEndRequested(endRequested)
                .setEndRequestedWallMillis(endRequestedWallMillis).setReleased(released)
                .setHeadAdvancedHours(Double.isNaN(headAdvancedHours) ? null : headAdvancedHours)
                .setHeadLastHours(Double.isNaN(headLastHours) ? null : headLastHours)
                .setIntervalMismatchStreak(intervalMismatchStreak).setIntervalMismatchReported(intervalMismatchReported)
                .build());
    }

    /** Reads a store value: Avro, or a format of the builds before it (1–3), which a restore may still hold. */
    public static EmbryoState fromBytes(byte[] bytes) {
        if (!StateCodec.isSingleObject(bytes)) {
            return fromLegacyBytes(bytes);
        }
        EmbryoStateValue v = CODEC.decode(bytes);
        EmbryoState s = new EmbryoState();
        s.modelVersion = v.getModelVersion();
        s.temporalHead = v.getTemporalHead();
        s.displayLabel = v.getDisplayLabel();
        s.highWaterMark = v.getHighWaterMark();
        s.lastEmitted = v.getLastEmitted();
        s.temporalState = new float[v.getTemporalState().size()];
        for (int i = 0; i < s.temporalState.length; i++) {
            s.temporalState[i] = v.getTemporalState().get(i);
        }
        s.decoderState = StateCodec.bytesOf(v.getDecoderState());
        s.alertState = StateCodec.bytesOf(v.getAlertState());
        s.live = v.getLive();
        s.nominalIntervalMinutes = v.getNominalIntervalMinutes();
        s.lastFrameWallMillis = v.getLastFrameWallMillis();
        s.startedWallMillis = v.getStartedWallMillis();
        s.stalledAlertAtFrameWallMillis = v.getStalledAlertAtFrameWallMillis();
        s.endRequested = v.getEndRequested();
        s.endRequestedWallMillis = v.getEndRequestedWallMillis();
        s.released = v.getReleased();
        s.headAdvancedHours = v.getHeadAdvancedHours() == null ? Double.NaN : v.getHeadAdvancedHours();
        s.headLastHours = v.getHeadLastHours() == null ? Double.NaN : v.getHeadLastHours();
        s.intervalMismatchStreak = v.getIntervalMismatchStreak();
        s.intervalMismatchReported = v.getIntervalMismatchReported();
        return s;
    }

    /** Formats 1–3 of release 0.1: 3 added the end time and the released marker, 2 the temporal head. */
    private static EmbryoState fromLegacyBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte v = b.get();
        if (v < 1 || v > LEGACY_FORMAT) {
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
        b.getLong(); // the record timestamp of the last frame, never read
        s.stalledAlertAtFrameWallMillis = b.get() == 1 ? s.lastFrameWallMillis : -1;
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

    private static String string(ByteBuffer b) {
        byte[] x = new byte[b.getInt()];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }
}
