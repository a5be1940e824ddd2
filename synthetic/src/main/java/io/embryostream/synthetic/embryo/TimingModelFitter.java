package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits {@link TimingModel} to a folder of real {@code <embryo>_phases.csv} files.
 *
 * <p>Interval {@code i} is the time from phase {@code i-1}'s onset to phase {@code i}'s (insemination → tPB2
 * for the first), taken only from embryos annotating both ends, so skipped phases do not inflate it.
 * Non-positive durations (out-of-order onsets, tPB2 at frame 0) are dropped; t2 → t3 below
 * {@value #DIRECT_CLEAVAGE_HOURS} h is direct cleavage, counted apart so the normal interval stays normal.
 * Correlations come from the embryos annotating both intervals of a pair (none where fewer than
 * {@value #MIN_PAIR} do) and are shrunk toward independence just enough to be positive definite.
 *
 * <p>Usage: {@code TimingModelFitter <phases folder> <output json>}
 */
public final class TimingModelFitter {

    static final double DIRECT_CLEAVAGE_HOURS = 5.0;
    /** Fewer durations than this and the interval falls back to {@link #HATCHING_PRIOR_MEDIAN_HOURS}. */
    private static final int MIN_FIT = 10;
    /** Hatching starts about 10 h after expansion (tEB ≈ 106 h, tHB ≈ 116 h in the literature). */
    private static final double HATCHING_PRIOR_MEDIAN_HOURS = 10.0;
    private static final double PRIOR_LOG_SD = 0.35;
    /** Covariances from fewer joint observations are too noisy to use. */
    private static final int MIN_PAIR = 30;
    /** Step by which pairwise correlations are shrunk until the matrix is positive definite. */
    private static final double SHRINK_STEP = 0.98;

    private TimingModelFitter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TimingModelFitter <folder of *_phases.csv> <output timing-model.json>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        TimingModel model = fit(folder);
        model.write(Path.of(args[1]));
        System.out.printf("fitted %d embryos from %s -> %s%n", model.embryos(), folder, args[1]);
        for (TimingModel.Interval in : model.intervals()) {
            System.out.printf("  %-12s -> %-5s n=%3d median %6.2f h  logSd %.3f  (%s)%n",
                    in.from(), in.to(), in.n(), in.medianHours(), in.logSd(), in.source());
        }
        System.out.printf("  direct cleavage %.3f, correlations shrunk by %.3f%n",
                model.directCleavageFraction(), model.correlationShrinkage());
    }

    public static TimingModel fit(Path folder) {
        List<Path> files = RealTimelines.phaseFiles(folder);
        Phase[] phases = Phase.values();
        int k = phases.length;
        double[][] logDurations = new double[files.size()][k];
        int[] skipped = new int[k];
        int[] skipChances = new int[k];
        int directCleavage = 0;
        int cleavagePairs = 0;
        for (int e = 0; e < files.size(); e++) {
            Map<Phase, Integer> frames = RealTimelines.onsetFrames(files.get(e));
            Arrays.fill(logDurations[e], Double.NaN);
            for (int i = 0; i < k; i++) {
                Integer end = frames.get(phases[i]);
                if (hasLater(frames, i)) {
                    skipChances[i]++;
                    if (end == null) {
                        skipped[i]++;
                    }
                }
                Integer start = i == 0 ? Integer.valueOf(0) : frames.get(phases[i - 1]);
                if (start == null || end == null || end <= start) {
                    continue;
                }
                double hours = (end - start) * RealTimelines.HOURS_PER_FRAME;
                if (phases[i] == Phase.T3) {
                    cleavagePairs++;
                    if (hours < DIRECT_CLEAVAGE_HOURS) {
                        directCleavage++;
                        continue;
                    }
                }
                logDurations[e][i] = Math.log(hours);
            }
        }
        double[][] cov = pairwiseCovariance(logDurations);
        List<TimingModel.Interval> intervals = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String from = i == 0 ? "insemination" : phases[i - 1].label();
            double[] column = column(logDurations, i);
            if (column.length < MIN_FIT) {
                intervals.add(new TimingModel.Interval(from, phases[i].label(), column.length, HATCHING_PRIOR_MEDIAN_HOURS,
                        round(Math.log(HATCHING_PRIOR_MEDIAN_HOURS)), PRIOR_LOG_SD, "prior"));
                continue;
            }
            double mean = Arrays.stream(column).average().orElseThrow();
            intervals.add(new TimingModel.Interval(from, phases[i].label(), column.length, round(Math.exp(median(column))),
                    round(mean), round(Math.sqrt(cov[i][i])), "fit"));
        }
        Map<String, Double> skip = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            if (skipChances[i] > 0) {
                skip.put(phases[i].label(), round((double) skipped[i] / skipChances[i]));
            }
        }
        double[][] correlation = correlation(cov);
        double shrinkage = 1;
        while (TimingModel.cholesky(shrunk(correlation, shrinkage)) == null) {
            shrinkage *= SHRINK_STEP;
        }
        return new TimingModel(TimingModel.FORMAT, "Gomez et al. 2022 phase annotations, " + files.size() + " embryos",
                RealTimelines.HOURS_PER_FRAME, files.size(), intervals, shrunk(correlation, shrinkage), round(shrinkage),
                skip, round((double) directCleavage / cleavagePairs));
    }

    private static boolean hasLater(Map<Phase, Integer> frames, int i) {
        return frames.keySet().stream().anyMatch(p -> p.ordinal() > i);
    }

    private static double[] column(double[][] rows, int i) {
        return Arrays.stream(rows).mapToDouble(r -> r[i]).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Covariance of every pair of columns over the rows where both are present; NaN where too few are. */
    static double[][] pairwiseCovariance(double[][] rows) {
        int k = rows[0].length;
        double[][] cov = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double si = 0, sj = 0, sij = 0;
                int n = 0;
                for (double[] r : rows) {
                    if (!Double.isNaN(r[i]) && !Double.isNaN(r[j])) {
                        si += r[i];
                        sj += r[j];
                        sij += r[i] * r[j];
                        n++;
                    }
                }
                double c = n < (i == j ? MIN_FIT : MIN_PAIR) ? Double.NaN : (sij - si * sj / n) / (n - 1);
                cov[i][j] = c;
                cov[j][i] = c;
            }
        }
        return cov;
    }

    /** Correlations from covariances; 0 where the covariance is unknown. */
    private static double[][] correlation(double[][] cov) {
        int k = cov.length;
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double c = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
                r[i][j] = i == j ? 1 : Double.isNaN(c) ? 0 : c;
            }
        }
        return r;
    }

    /** Off-diagonal entries times {@code factor}, rounded to 3 decimals so the file stays small and readable. */
    private static double[][] shrunk(double[][] correlation, double factor) {
        int k = correlation.length;
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                r[i][j] = i == j ? 1 : Math.round(correlation[i][j] * factor * 1e3) / 1e3;
            }
        }
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
