package io.embryostream.classifier.decode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Online monotone decoding of frame-wise stage probabilities (Viterbi over a left-to-right chain,
 * FORMATS.md: stages only move forward). Each step extends the best paths by one time point; the
 * provisional stage is the end of the best path. Time points older than the lag (in culture hours)
 * leave the window and are confirmed along the best path's traceback; a confirmed stage is never
 * retracted because decoding below it is pruned from then on. Works for any class list: stage i+k
 * may follow stage i (annotations skip phases), at the cost {@code switchPenalty} per move.
 */
public final class StageDecoder {

    private static final double FLOOR = 1e-6;
    private static final double PRUNED = Double.NEGATIVE_INFINITY;

    private final double switchPenalty;
    private final double lagHours;

    /**
     * @param switchPenalty log-probability cost of a stage change (larger = fewer, later switches)
     * @param lagHours culture hours after which a time point's stage is confirmed
     */
    public StageDecoder(double switchPenalty, double lagHours) {
        if (switchPenalty < 0 || lagHours < 0) {
            throw new IllegalArgumentException("switch penalty and lag must be >= 0");
        }
        this.switchPenalty = switchPenalty;
        this.lagHours = lagHours;
    }

    /** A stage confirmed from {@code onsetTimePoint} on. */
    public record Confirmation(int stage, int previousStage, int onsetTimePoint, double onsetHours,
                               float confidence) {
    }

    /** What one time point yields: the provisional stage and any newly confirmed stages. */
    public record Step(int provisionalStage, List<Confirmation> confirmations, double confirmedUpToHours) {
    }

    /**
     * Adds one time point. Time points must arrive in increasing order (the assembler guarantees it).
     *
     * @param probabilities the model's class probabilities for this time point
     */
    public Step step(DecoderState s, int timePoint, double hours, float[] probabilities) {
        int c = s.classes();
        if (probabilities.length != c) {
            throw new IllegalArgumentException("expected " + c + " probabilities, got " + probabilities.length);
        }
        if (timePoint <= s.lastTimePoint) {
            throw new IllegalArgumentException("time point " + timePoint + " is not after " + s.lastTimePoint);
        }
        byte[] back = new byte[c];
        double[] next = new double[c];
        boolean first = s.lastTimePoint < 0;
        double bestBelow = PRUNED;
        int bestBelowIdx = -1;
        for (int k = 0; k < c; k++) {
            double emit = Math.log(Math.max(probabilities[k], FLOOR));
            if (k < Math.max(0, s.committedStage)) {
                next[k] = PRUNED;
                back[k] = (byte) k;
            } else if (first) {
                next[k] = emit;
                back[k] = (byte) k;
            } else {
                double stay = s.scores[k];
                double move = bestBelow - switchPenalty;
                if (stay >= move) {
                    next[k] = stay + emit;
                    back[k] = (byte) k;
                } else {
                    next[k] = move + emit;
                    back[k] = (byte) bestBelowIdx;
                }
            }
            if (!first && s.scores[k] > bestBelow) {
                bestBelow = s.scores[k];
                bestBelowIdx = k;
            }
        }
        normalize(next);
        s.scores = next;
        s.lastTimePoint = timePoint;
        s.lastHours = hours;
        s.window.addLast(new DecoderState.Pending(timePoint, hours, back, probabilities.clone()));
        List<Confirmation> confirmations = confirmOlderThan(s, hours - lagHours);
        return new Step(argmax(s.scores), confirmations, s.confirmedUpToHours);
    }

    /**
     * Confirms everything still in the window, e.g. when the culture ends and no later frame will
     * come to push the window forward.
     */
    public List<Confirmation> flush(DecoderState s) {
        return confirmOlderThan(s, Double.POSITIVE_INFINITY);
    }

    private List<Confirmation> confirmOlderThan(DecoderState s, double cutoffHours) {
        List<Confirmation> out = new ArrayList<>();
        while (!s.window.isEmpty() && s.window.peekFirst().hours() <= cutoffHours) {
            int stage = Math.max(tracebackToOldest(s), s.committedStage);
            DecoderState.Pending oldest = s.window.pollFirst();
            if (stage != s.committedStage) {
                out.add(new Confirmation(stage, s.committedStage, oldest.timePoint(), oldest.hours(),
                        oldest.probabilities()[stage]));
                s.committedStage = stage;
                s.committedSinceTimePoint = oldest.timePoint();
                s.committedSinceHours = oldest.hours();
                for (int k = 0; k < stage; k++) {
                    s.scores[k] = PRUNED;
                }
            }
            s.confirmedUpToHours = oldest.hours();
        }
        return out;
    }

    /** The best path's stage at the oldest time point of the window. */
    private static int tracebackToOldest(DecoderState s) {
        int state = argmax(s.scores);
        Iterator<DecoderState.Pending> newestFirst = s.window.descendingIterator();
        DecoderState.Pending p = newestFirst.next();
        while (newestFirst.hasNext()) {
            state = p.backPointers()[state];
            p = newestFirst.next();
        }
        return state;
    }

    private static void normalize(double[] scores) {
        double max = PRUNED;
        for (double v : scores) {
            max = Math.max(max, v);
        }
        for (int k = 0; k < scores.length; k++) {
            scores[k] -= max;
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
