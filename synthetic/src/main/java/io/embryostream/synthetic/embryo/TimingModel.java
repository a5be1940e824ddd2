package io.embryostream.synthetic.embryo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embryostream.staging.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stage timing fitted to real annotations by {@link TimingModelFitter}: one log-normal interval per phase
 * (insemination → tPB2, then each phase → the next in developmental order), the correlation matrix of the
 * intervals' log durations within an embryo (a fast embryo is fast throughout; a late t3 makes t3 → t4 short
 * and so on), the probability that each phase is absent from an embryo's annotations although a later phase
 * is present, and the observed direct-cleavage fraction.
 *
 * @param intervals               one per phase in {@link Phase} order; interval {@code i} ends at phase {@code i}
 * @param logDurationCorrelation  between intervals (same order), already shrunk to be positive definite
 * @param correlationShrinkage    factor the pairwise correlations were multiplied by to make the matrix positive definite
 * @param skipProbability         by phase label
 */
public record TimingModel(String format, String source, double hoursPerFrame, int embryos,
                          List<Interval> intervals, double[][] logDurationCorrelation, double correlationShrinkage,
                          Map<String, Double> skipProbability, double directCleavageFraction) {

    public static final String FORMAT = "embryo-stream-timing-model/1";
    static final String RESOURCE = "timing-model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The time from phase {@code from} (or {@code insemination}) to phase {@code to}.
     *
     * @param n          durations the fit used
     * @param source     {@code fit}, or {@code prior} where the data held too few durations
     */
    public record Interval(String from, String to, int n, double medianHours, double logMean, double logSd,
                           String source) {
    }

    public TimingModel {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("timing model format '" + format + "', expected " + FORMAT);
        }
        Phase[] phases = Phase.values();
        if (intervals.size() != phases.length) {
            throw new IllegalArgumentException("timing model needs one interval per phase (" + phases.length
                    + "), has " + intervals.size() + " — regenerate it with TimingModelFitter");
        }
        for (int i = 0; i < phases.length; i++) {
            if (!intervals.get(i).to().equals(phases[i].label())) {
                throw new IllegalArgumentException("timing model interval " + i + " ends at " + intervals.get(i).to()
                        + ", expected " + phases[i].label() + " — regenerate it with TimingModelFitter");
            }
        }
        if (logDurationCorrelation.length != phases.length || cholesky(logDurationCorrelation) == null) {
            throw new IllegalArgumentException("timing model correlation must be a positive definite "
                    + phases.length + "x" + phases.length + " matrix — regenerate it with TimingModelFitter");
        }
        intervals = List.copyOf(intervals);
        skipProbability = Map.copyOf(skipProbability);
    }

    /** The interval that ends at {@code phase}. */
    public Interval intervalTo(Phase phase) {
        return intervals.get(phase.ordinal());
    }

    /** Probability that {@code phase} is absent although a later phase is annotated; 0 where not fitted. */
    public double skipProbability(Phase phase) {
        return skipProbability.getOrDefault(phase.label(), 0.0);
    }

    /** Lower-triangular L with L·Lᵀ = {@code m}, or null when {@code m} is not positive definite. */
    static double[][] cholesky(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                return null;
            }
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 1e-9) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** The model committed with the renderer (fitted to the 524 Gomez annotations). */
    public static TimingModel bundled() {
        try (InputStream in = TimingModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath next to "
                        + TimingModel.class.getName() + " — run TimingModelFitter (docs/renderer.md)");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TimingModel read(InputStream json) throws IOException {
        return JSON.readValue(json, TimingModel.class);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }
}
