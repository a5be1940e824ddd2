package io.embryostream.ingest.dataset;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a training set (docs/DATASET.md). {@code fingerprint} is {@code sha256:} over
 * labels.csv and every frame's bytes in labels.csv order.
 */
public record DatasetManifest(String format, String source, String sourceVersion, Long seed, long splitSeed,
                              int canonicalSize, List<Integer> planes, int embryos, long frames,
                              Map<String, Integer> splits, String fingerprint, Map<String, Object> settings) {

    /** The format trainer-export reads. */
    public static final String FORMAT = "embryo-stream-dataset/1";
}
