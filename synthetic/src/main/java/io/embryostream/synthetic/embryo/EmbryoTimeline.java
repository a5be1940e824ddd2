package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One embryo's development in hours post-insemination: its annotated onsets (the ground truth labels), how
 * many pronuclei it forms, its abnormalities, and what the renderer needs to draw it — the morphological
 * start of every phase and the visible cell count at any time. {@link #seed()} fixes its appearance.
 *
 * <p>A phase absent from the onsets takes no time of its own: it starts together with the next annotated
 * phase (a skipped t3 goes 2 → 4 cells at t4). Phases after the last annotated one never start, so an
 * arrested embryo, or a replayed one whose video ended, stays in its last phase.
 */
public final class EmbryoTimeline {

    private static final Phase[] PHASES = Phase.values();

    private final long seed;
    private final Onsets onsets;
    private final int pronuclei;
    private final Set<Abnormality> abnormalities;
    private final double reversalStart;
    private final double reversalEnd;
    private final double recordedUntil;
    private final double[] stageStart = new double[PHASES.length];

    private EmbryoTimeline(Builder b) {
        this.seed = b.seed;
        this.onsets = b.onsets;
        this.pronuclei = b.pronuclei;
        this.abnormalities = Collections.unmodifiableSet(b.abnormalities.clone());
        this.reversalStart = b.reversalStart;
        this.reversalEnd = b.reversalEnd;
        this.recordedUntil = b.recordedUntil;
        double next = Double.POSITIVE_INFINITY;
        for (int i = PHASES.length - 1; i >= 0; i--) {
            next = Math.min(next, onsets.onset(PHASES[i]).orElse(Double.POSITIVE_INFINITY));
            stageStart[i] = next;
        }
    }

    /**
     * Hours post-insemination up to which the embryo was recorded: where a replayed real sequence ended
     * (nothing is known after it, so no frame is made there); infinite for a sampled embryo.
     */
    public double recordedUntil() {
        return recordedUntil;
    }

    public static Builder builder(long seed, Onsets onsets) {
        return new Builder(seed, onsets);
    }

    public long seed() {
        return seed;
    }

    /** Annotated onsets in hours post-insemination: the labels follow them exactly. */
    public Onsets onsets() {
        return onsets;
    }

    /** Pronuclei formed at tPNa: 2 normally, 1 or 3 after abnormal fertilization. */
    public int pronuclei() {
        return pronuclei;
    }

    public Set<Abnormality> abnormalities() {
        return abnormalities;
    }

    /** When the embryo starts to look like {@code phase}; +∞ when it never does. */
    public double stageStart(Phase phase) {
        return stageStart[phase.ordinal()];
    }

    /** The phase the embryo looks like at {@code hours}; empty before tPB2 starts (a zygote with one polar body). */
    public Phase stageAt(double hours) {
        Phase stage = null;
        for (Phase p : PHASES) {
            if (stageStart[p.ordinal()] <= hours) {
                stage = p;
            }
        }
        return stage;
    }

    /** Fraction of the way from {@code phase}'s start to the next phase's start at {@code hours}, in [0, 1]; 0 when the next never starts. */
    public double progress(Phase phase, double hours) {
        double start = stageStart[phase.ordinal()];
        double end = phase.ordinal() + 1 < PHASES.length ? stageStart[phase.ordinal() + 1] : Double.POSITIVE_INFINITY;
        if (hours <= start || Double.isInfinite(end) || end <= start) {
            return 0;
        }
        return Math.min(1, (hours - start) / (end - start));
    }

    /** True inside the reverse-cleavage window, where the cell count is one below its previous value. */
    public boolean inReversal(double hours) {
        return hours >= reversalStart && hours < reversalEnd;
    }

    /**
     * Blastomeres at {@code hours}: 1 before t2, 2…8 from t2 to t8, then 9 → 16 across t9+, 16 → 32 across
     * the morula, 32 → 64 while the cavity forms, 64 → 100 in the blastocyst, 100 and more once expanding.
     */
    public int cellCount(double hours) {
        Phase stage = stageAt(hours);
        int count;
        if (stage == null || stage.ordinal() < Phase.T2.ordinal()) {
            count = 1;
        } else if (stage.ordinal() <= Phase.T8.ordinal()) {
            count = stage.ordinal() - Phase.T2.ordinal() + 2;
        } else {
            count = switch (stage) {
                case T9_PLUS -> 9 + (int) (7 * progress(stage, hours));
                case TM -> 16 + (int) (16 * progress(stage, hours));
                case TSB -> 32 + (int) (32 * progress(stage, hours));
                case TB -> 64 + (int) (36 * progress(stage, hours));
                default -> 100 + (int) Math.min(50, 5 * (hours - stageStart[Phase.TEB.ordinal()]));
            };
        }
        return inReversal(hours) ? count - 1 : count;
    }

    @Override
    public String toString() {
        return "EmbryoTimeline[seed=" + seed + ", " + onsets + ", pronuclei=" + pronuclei + ", " + abnormalities + "]";
    }

    /** Builds a timeline; only the seed and onsets are required. */
    public static final class Builder {
        private final long seed;
        private final Onsets onsets;
        private int pronuclei = 2;
        private EnumSet<Abnormality> abnormalities = EnumSet.noneOf(Abnormality.class);
        private double reversalStart = Double.NaN;
        private double reversalEnd = Double.NaN;
        private double recordedUntil = Double.POSITIVE_INFINITY;

        private Builder(long seed, Onsets onsets) {
            if (onsets.isRapidAnnotation()) {
                throw new IllegalArgumentException("a rapid-annotation (ras) well has no onsets to render from");
            }
            this.seed = seed;
            this.onsets = onsets;
        }

        public Builder pronuclei(int count) {
            if (count < 1 || count > 3) {
                throw new IllegalArgumentException("pronuclei must be 1, 2 or 3, was " + count);
            }
            this.pronuclei = count;
            return this;
        }

        public Builder abnormalities(Set<Abnormality> flags) {
            this.abnormalities = flags.isEmpty() ? EnumSet.noneOf(Abnormality.class) : EnumSet.copyOf(flags);
            return this;
        }

        /** The cell count drops by one over [start, end); the window must lie within one cleavage phase t2…t8. */
        public Builder reversal(double start, double end) {
            if (!(end > start)) {
                throw new IllegalArgumentException("reversal window must end after it starts: " + start + " .. " + end);
            }
            this.reversalStart = start;
            this.reversalEnd = end;
            this.abnormalities.add(Abnormality.REVERSE_CLEAVAGE);
            return this;
        }

        /** The real sequence this timeline replays ended at {@code hours}. */
        public Builder recordedUntil(double hours) {
            if (!(hours >= 0)) {
                throw new IllegalArgumentException("recording end must be a non-negative number of hours, was " + hours);
            }
            this.recordedUntil = hours;
            return this;
        }

        public EmbryoTimeline build() {
            EmbryoTimeline t = new EmbryoTimeline(this);
            if (!Double.isNaN(reversalStart)) {
                Phase a = t.stageAt(reversalStart);
                Phase b = t.stageAt(Math.nextDown(reversalEnd));
                if (a == null || a != b || a.ordinal() < Phase.T2.ordinal() || a.ordinal() > Phase.T8.ordinal()) {
                    throw new IllegalArgumentException("reversal window " + reversalStart + " .. " + reversalEnd
                            + " h must lie within one cleavage phase t2…t8, spans " + a + " .. " + b);
                }
            }
            return t;
        }
    }
}
