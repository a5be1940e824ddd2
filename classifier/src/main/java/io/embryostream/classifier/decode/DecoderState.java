package io.embryostream.classifier.decode;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * One embryo's online decoding state: Viterbi scores per stage at the newest time point, the
 * back-pointers of the time points not yet confirmed (the lag window), and the confirmed stage.
 * Its size is bounded by the lag window, not by the culture's length. Serialized with a version
 * byte for the changelogged state store.
 */
public final class DecoderState {

    static final byte FORMAT_VERSION = 1;

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

    public byte[] toBytes() {
        int c = scores.length;
        int size = 1 + 4 + 8 * c + 4 + 4 + 8 + 8 + 4 + 8 + 4 + window.size() * (4 + 8 + c + 4 * c);
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT_VERSION).putInt(c);
        for (double s : scores) {
            b.putDouble(s);
        }
        b.putInt(committedStage).putInt(committedSinceTimePoint).putDouble(committedSinceHours)
                .putDouble(confirmedUpToHours).putInt(lastTimePoint).putDouble(lastHours).putInt(window.size());
        for (Pending p : window) {
            b.putInt(p.timePoint()).putDouble(p.hours()).put(p.backPointers());
            for (float f : p.probabilities()) {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    public static DecoderState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("decoder state format " + version + " is not readable by this build"
                    + " (reads " + FORMAT_VERSION + "); roll back the classifier or reset its state stores");
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
