package io.embryostream.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of millisecond figures. */
record Percentiles(long count, long p50, long p99, long max) {

    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, -1, -1, -1);
        }
        long[] v = values.clone();
        Arrays.sort(v);
        return new Percentiles(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
    }

    private static long rank(long[] sorted, double q) {
        return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
    }
}
