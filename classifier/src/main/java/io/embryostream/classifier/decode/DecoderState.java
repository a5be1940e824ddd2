package io.embryostream.classifier.decode;

import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.DecoderStateValue;
import io.embryostream.schemas.state.PendingDecision;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One embryo's online decoding state: Viterbi scores per stage at the newest time point, the
 * back-pointers of the time points not yet confirmed (the lag window), and the confirmed stage.
 * Its size is bounded by the lag window, not by the culture's length. Stored as {@link DecoderStateValue}.
 */
public final class DecoderState {

    private static final StateCodec<DecoderStateValue> CODEC = StateCodec.of(DecoderStateValue.class, "decoder state");
    /** The format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 1;

    /** A time point inside the lag window, with the best predecessor of each stage. */
    record Pending(int timePoint, double hours, byte[] backPointers, float[] probabilities) {
    }

    double[] scores;
    int committedStage = -1;
    int committedSinceTimePoint = -1;
    double committedSinceHours = Double.NaN;
    double confirmedUpToHours = Double.NaN;
    int lastTimePoint = -1;
    double lastHours = Double.NaN;
    final Deque<Pending> window = new ArrayDeque<>();

    DecoderState(int classes) {
        scores = new double[classes];
    }

    public static DecoderState initial(int classes) {
        return new DecoderState(classes);
    }

    public int classes() {
        return scores.length;
    }

    /** The confirmed stage, or -1 before the first confirmation. */
    public int committedStage() {
        return committedStage;
    }

    public double committedSinceHours() {
        return committedSinceHours;
    }

    /** Hours post-insemination up to which stages are confirmed; NaN before any. */
    public double confirmedUpToHours() {
        return confirmedUpToHours;
    }

    /** Hours post-insemination of the newest time point; NaN before any. */
    public double lastHours() {
        return lastHours;
    }

    public int lastTimePoint() {
        return lastTimePoint;
    }

    /** The stored form: {@link DecoderStateValue} in single-object encoding. */
    public byte[] toBytes() {
        List<Double> sc = new ArrayList<>(scores.length);
        for (double d : scores) {
            sc.add(d);
        }
        List<PendingDecision> w = new ArrayList<>(window.size());
        for (Pending p : window) {
            List<Float> probs = new ArrayList<>(p.probabilities().length);
            for (float f : p.probabilities()) {
                probs.add(f);
            }
            w.add(new PendingDecision(p.timePoint(), p.hours(), ByteBuffer.wrap(p.backPointers()), probs));
        }
        return CODEC.encode(new DecoderStateValue(sc, committedStage, committedSinceTimePoint, committedSinceHours,
                confirmedUpToHours, lastTimePoint, lastHours, w));
    }

    /** Reads the stored form, or format 1 of the builds before the Avro state schemas. */
    public static DecoderState fromBytes(byte[] bytes) {
        if (!StateCodec.isSingleObject(bytes)) {
            return fromLegacyBytes(bytes);
        }
        DecoderStateValue v = CODEC.decode(bytes);
        DecoderState s = new DecoderState(v.getScores().size());
        for (int i = 0; i < s.scores.length; i++) {
            s.scores[i] = v.getScores().get(i);
        }
        s.committedStage = v.getCommittedStage();
        s.committedSinceTimePoint = v.getCommittedSinceTimePoint();
        s.committedSinceHours = v.getCommittedSinceHours();
        s.confirmedUpToHours = v.getConfirmedUpToHours();
        s.lastTimePoint = v.getLastTimePoint();
        s.lastHours = v.getLastHours();
        for (PendingDecision p : v.getWindow()) {
            ByteBuffer bp = p.getBackPointers().duplicate();
            byte[] back = new byte[bp.remaining()];
            bp.get(back);
            float[] probs = new float[p.getProbabilities().size()];
            for (int k = 0; k < probs.length; k++) {
                probs[k] = p.getProbabilities().get(k);
            }
            s.window.addLast(new Pending(p.getTimePoint(), p.getHours(), back, probs));
        }
        return s;
    }

    private static DecoderState fromLegacyBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != LEGACY_FORMAT) {
            throw new IllegalStateException("decoder state format " + version + " is not readable by this build"
                    + " (reads " + LEGACY_FORMAT + " and Avro); roll back the classifier or reset its state stores");
        }
        int c = b.getInt();
        DecoderState s = new DecoderState(c);
        for (int i = 0; i < c; i++) {
            s.scores[i] = b.getDouble();
        }
        s.committedStage = b.getInt();
        s.committedSinceTimePoint = b.getInt();
        s.committedSinceHours = b.getDouble();
        s.confirmedUpToHours = b.getDouble();
        s.lastTimePoint = b.getInt();
        s.lastHours = b.getDouble();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            int tp = b.getInt();
            double h = b.getDouble();
            byte[] bp = new byte[c];
            b.get(bp);
            float[] probs = new float[c];
            for (int k = 0; k < c; k++) {
                probs[k] = b.getFloat();
            }
            s.window.addLast(new Pending(tp, h, bp, probs));
        }
        return s;
    }

    @Override
    public String toString() {
        return "DecoderState[committed=" + committedStage + " since tp " + committedSinceTimePoint + ", scores="
                + Arrays.toString(scores) + ", window=" + window.size() + "]";
    }
}
