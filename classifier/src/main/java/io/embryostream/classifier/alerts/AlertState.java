package io.embryostream.classifier.alerts;

import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.AlertStateValue;
import java.util.ArrayList;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the alert rules remember per embryo: which alerts were raised (so each fires once), the
 * onsets confirmed so far, and the run lengths that "sustained" conditions need. Stored as {@link AlertStateValue}.
 */
public final class AlertState {

    private static final StateCodec<AlertStateValue> CODEC = StateCodec.of(AlertStateValue.class, "alert state");
    /** The format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 1;

    final Set<String> raised = new LinkedHashSet<>();
    double t2Hours = Double.NaN;
    /** Highest visible cell count held by the raw prediction for the sustain time. */
    int sustainedMaxCells;
    int runCells;
    double runSinceHours = Double.NaN;
    double dropSinceHours = Double.NaN;
    int lowConfidenceRun;

    /** The stored form: {@link AlertStateValue} in single-object encoding. */
    public byte[] toBytes() {
        return CODEC.encode(new AlertStateValue(new ArrayList<>(raised), t2Hours, sustainedMaxCells, runCells,
                runSinceHours, dropSinceHours, lowConfidenceRun));
    }

    /** Reads the stored form, or format 1 of the builds before the Avro state schemas. */
    public static AlertState fromBytes(byte[] bytes) {
        if (!StateCodec.isSingleObject(bytes)) {
            return fromLegacyBytes(bytes);
        }
        AlertStateValue v = CODEC.decode(bytes);
        AlertState s = new AlertState();
        s.raised.addAll(v.getRaised());
        s.t2Hours = v.getT2Hours();
        s.sustainedMaxCells = v.getSustainedMaxCells();
        s.runCells = v.getRunCells();
        s.runSinceHours = v.getRunSinceHours();
        s.dropSinceHours = v.getDropSinceHours();
        s.lowConfidenceRun = v.getLowConfidenceRun();
        return s;
    }

    private static AlertState fromLegacyBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != LEGACY_FORMAT) {
            throw new IllegalStateException("alert state format not readable by this build; reset the state stores");
        }
        AlertState s = new AlertState();
        s.t2Hours = b.getDouble();
        s.sustainedMaxCells = b.getInt();
        s.runCells = b.getInt();
        s.runSinceHours = b.getDouble();
        s.dropSinceHours = b.getDouble();
        s.lowConfidenceRun = b.getInt();
        byte[] keys = new byte[b.getInt()];
        b.get(keys);
        String joined = new String(keys, StandardCharsets.UTF_8);
        if (!joined.isEmpty()) {
            s.raised.addAll(java.util.List.of(joined.split("\n")));
        }
        return s;
    }
}
