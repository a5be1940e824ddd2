package io.embryostream.classifier.alerts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the alert rules remember per embryo: which alerts were raised (so each fires once), the
 * onsets confirmed so far, and the run lengths that "sustained" conditions need. Versioned bytes.
 */
public final class AlertState {

    private static final byte FORMAT_VERSION = 1;

    final Set<String> raised = new LinkedHashSet<>();
    double t2Hours = Double.NaN;
    /** Highest visible cell count held by the raw prediction for the sustain time. */
    int sustainedMaxCells;
    int runCells;
    double runSinceHours = Double.NaN;
    double dropSinceHours = Double.NaN;
    int lowConfidenceRun;

    public byte[] toBytes() {
        byte[] keys = String.join("\n", raised).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + 4 + 4 + 8 + 8 + 4 + 4 + keys.length).put(FORMAT_VERSION)
                .putDouble(t2Hours).putInt(sustainedMaxCells).putInt(runCells).putDouble(runSinceHours)
                .putDouble(dropSinceHours).putInt(lowConfidenceRun).putInt(keys.length).put(keys).array();
    }

    public static AlertState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != FORMAT_VERSION) {
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
