package io.embryostream.ingest.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Assigns whole embryos to train, val and test: the embryo ids sorted, shuffled with the split seed, and cut at
 * the fractions (val and test rounded, train takes the rest), so every frame of an embryo lands in one split and
 * the same embryos and seed always give the same assignment.
 */
public record EmbryoSplits(long seed, double train, double val, double test) {

    public static final String TRAIN = "train";
    public static final String VAL = "val";
    public static final String TEST = "test";

    public EmbryoSplits {
        if (!(train >= 0 && val >= 0 && test >= 0) || Math.abs(train + val + test - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions must be non-negative and add up to 1, got train "
                    + train + ", val " + val + ", test " + test);
        }
    }

    /** The split of each embryo. */
    public Map<String, String> assign(Collection<String> embryos) {
        List<String> order = new ArrayList<>(embryos.stream().distinct().sorted().toList());
        // java.util.Random is specified bit for bit, so the shuffle is the same on every JVM
        Collections.shuffle(order, new Random(seed));
        int n = order.size();
        int nTest = (int) Math.round(n * test);
        int nVal = Math.min(n - nTest, (int) Math.round(n * val));
        Map<String, String> split = new HashMap<>();
        for (int i = 0; i < n; i++) {
            split.put(order.get(i), i < nTest ? TEST : i < nTest + nVal ? VAL : TRAIN);
        }
        return split;
    }
}
