package io.embryostream.ingest.dataset;

import java.util.Map;

/**
 * Where a training set's frames came from, as its manifest records it.
 *
 * @param name      the reader, or {@code synthetic-incubator}
 * @param version   the renderer version for synthetic data, the reader's version otherwise
 * @param seed      the seed that drew the data, or null for real exports
 * @param settings  what else fixes the data (frame interval, culture hours, timelines…), written as given
 */
public record DatasetSource(String name, String version, Long seed, Map<String, Object> settings) {

    public DatasetSource {
        settings = Map.copyOf(settings);
    }
}
