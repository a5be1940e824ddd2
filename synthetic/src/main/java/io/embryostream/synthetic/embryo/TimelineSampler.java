package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws {@link EmbryoTimeline}s from a {@link TimingModel}: correlated log-normal intervals (one draw of the
 * model's correlation per embryo), phases left unannotated at the model's skip rates, and abnormalities at
 * the {@link Rates} asked for. The same seed always gives the same timeline.
 */
public final class TimelineSampler {

    private static final Phase[] PHASES = Phase.values();
    /** Direct cleavage is t3 − t2 under 5 h; drawn uniformly above one frame so t2 is still seen. */
    private static final double DIRECT_MIN_HOURS = 0.25;
    private static final double DIRECT_MAX_HOURS = 4.75;
    /** A reversal needs a phase of at least this many hours, so that its window spans several frames. */
    private static final double MIN_REVERSAL_PHASE_HOURS = 3;
    private static final double MAX_Z = 2;
    private static final double SLOW_MIN = 1.25;
    private static final double SLOW_MAX = 1.6;

    private final TimingModel model;
    private final Rates rates;
    private final double[][] choleskyFactor;

    /**
     * Per-embryo probabilities. Each abnormality is drawn independently.
     *
     * @param onePronucleus   1PN instead of 2PN
     * @param threePronuclei  3PN instead of 2PN
     * @param skipPhases      leave phases unannotated at the model's fitted rates (real annotations do), else annotate all
     */
    public record Rates(double onePronucleus, double threePronuclei, double directCleavage, double reverseCleavage,
                        double arrest, double slowDevelopment, boolean skipPhases) {

        public Rates {
            for (double p : new double[] {onePronucleus, threePronuclei, directCleavage, reverseCleavage, arrest, slowDevelopment}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("rates must lie in [0, 1], got " + p);
                }
            }
            if (onePronucleus + threePronuclei > 1) {
                throw new IllegalArgumentException("1PN + 3PN rates exceed 1: " + onePronucleus + " + " + threePronuclei);
            }
        }

        /**
         * Rates reported in the literature (FORMATS.md): direct cleavage 13.7%, reverse cleavage 27.4%; arrest and
         * slow development 10% each; 1PN 4% and 3PN 3%, typical of IVF fertilization checks.
         */
        public static Rates literature() {
            return new Rates(0.04, 0.03, 0.137, 0.274, 0.10, 0.10, true);
        }

        /** Normal embryos only, every phase annotated. */
        public static Rates normal() {
            return new Rates(0, 0, 0, 0, 0, 0, false);
        }
    }

    public TimelineSampler(TimingModel model, Rates rates) {
        this.model = model;
        this.rates = rates;
        this.choleskyFactor = TimingModel.cholesky(model.logDurationCorrelation());
    }

    /** The timeline of embryo {@code seed}. */
    public EmbryoTimeline sample(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EnumSet<Abnormality> flags = EnumSet.noneOf(Abnormality.class);
        for (Abnormality a : Abnormality.values()) {
            if (rnd.nextDouble() < rate(a)) {
                flags.add(a);
            }
        }
        double pn = rnd.nextDouble();
        int pronuclei = pn < rates.onePronucleus() ? 1 : pn < rates.onePronucleus() + rates.threePronuclei() ? 3 : 2;

        double[] onsetHours = onsetHours(rnd, flags);
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        int arrestAt = flags.contains(Abnormality.ARREST)
                ? rnd.nextInt(Phase.T3.ordinal(), Phase.TB.ordinal() + 1) : PHASES.length - 1;
        for (Phase p : PHASES) {
            boolean skip = rates.skipPhases() && rnd.nextDouble() < model.skipProbability(p) && skippable(p, flags);
            if (p.ordinal() <= arrestAt && !skip) {
                onsets.put(p, onsetHours[p.ordinal()]);
            }
        }
        boolean reverse = flags.remove(Abnormality.REVERSE_CLEAVAGE);
        EmbryoTimeline.Builder builder = EmbryoTimeline.builder(seed, Onsets.of(onsets))
                .pronuclei(pronuclei).abnormalities(flags);
        if (reverse) {
            reverseCleavage(rnd, builder, onsets);
        }
        return builder.build();
    }

    private double rate(Abnormality a) {
        return switch (a) {
            case DIRECT_CLEAVAGE -> rates.directCleavage();
            case REVERSE_CLEAVAGE -> rates.reverseCleavage();
            case ARREST -> rates.arrest();
            case SLOW_DEVELOPMENT -> rates.slowDevelopment();
        };
    }

    /** t2 is always annotated (518 of 524 real embryos have it); so is t3 of a direct cleavage, which defines it. */
    private static boolean skippable(Phase p, EnumSet<Abnormality> flags) {
        return p != Phase.T2 && !(p == Phase.T3 && flags.contains(Abnormality.DIRECT_CLEAVAGE));
    }

    private double[] onsetHours(SplittableRandom rnd, EnumSet<Abnormality> flags) {
        int k = PHASES.length;
        double[] eps = new double[k];
        for (int i = 0; i < k; i++) {
            eps[i] = rnd.nextGaussian();
        }
        double stretch = flags.contains(Abnormality.SLOW_DEVELOPMENT) ? rnd.nextDouble(SLOW_MIN, SLOW_MAX) : 1;
        double[] onset = new double[k];
        double t = 0;
        for (int i = 0; i < k; i++) {
            double z = 0;
            for (int j = 0; j <= i; j++) {
                z += choleskyFactor[i][j] * eps[j];
            }
            TimingModel.Interval interval = model.intervals().get(i);
            // truncated at ±2 sd: the heavy log-normal tails would otherwise put t9+ days beyond any real embryo
            double hours = Math.exp(interval.logMean() + interval.logSd() * Math.max(-MAX_Z, Math.min(MAX_Z, z)));
            if (i >= Phase.T2.ordinal()) {
                hours *= stretch;
            }
            if (PHASES[i] == Phase.T3) {
                hours = flags.contains(Abnormality.DIRECT_CLEAVAGE)
                        ? rnd.nextDouble(DIRECT_MIN_HOURS, DIRECT_MAX_HOURS)
                        // the fit excluded direct cleavages: keep normal embryos normal
                        : Math.max(hours, TimingModelFitter.DIRECT_CLEAVAGE_HOURS + rnd.nextDouble(0.25, 2));
            }
            t += hours;
            onset[i] = t;
        }
        return onset;
    }

    /**
     * The count drops by one for a while inside a cleavage phase t2…t8 lasting long enough for frames 15 min
     * apart to see it (the builder flags it); none when no phase qualifies (e.g. an early arrest).
     */
    private static void reverseCleavage(SplittableRandom rnd, EmbryoTimeline.Builder builder, Map<Phase, Double> onsets) {
        Phase[] candidates = onsets.keySet().stream()
                .filter(p -> p.ordinal() >= Phase.T2.ordinal() && p.ordinal() <= Phase.T8.ordinal())
                .filter(p -> nextOnset(onsets, p) < Double.POSITIVE_INFINITY
                        && nextOnset(onsets, p) - onsets.get(p) >= MIN_REVERSAL_PHASE_HOURS)
                .toArray(Phase[]::new);
        if (candidates.length == 0) {
            return;
        }
        Phase stage = candidates[rnd.nextInt(candidates.length)];
        double start = onsets.get(stage);
        double end = nextOnset(onsets, stage);
        double from = start + rnd.nextDouble(0.2, 0.5) * (end - start);
        double to = from + rnd.nextDouble(0.4, 0.9) * (end - from);
        builder.reversal(from, to);
    }

    private static double nextOnset(Map<Phase, Double> onsets, Phase p) {
        return onsets.entrySet().stream().filter(e -> e.getKey().ordinal() > p.ordinal())
                .mapToDouble(Map.Entry::getValue).min().orElse(Double.POSITIVE_INFINITY);
    }
}
