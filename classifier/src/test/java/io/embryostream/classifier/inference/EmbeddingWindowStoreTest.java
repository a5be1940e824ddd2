package io.embryostream.classifier.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.StoreFixtures;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The Transformer head's per-embryo window of embeddings: order, trimming, isolation between embryos. */
class EmbeddingWindowStoreTest {

    private final KeyValueStore<String, io.embryostream.schemas.state.EmbeddingValue> entries =
            StoreFixtures.store("recent-embeddings");
    private final EmbeddingWindowStore store = new EmbeddingWindowStore(entries);

    @Test
    void anEmbryoWithoutEmbeddingsHasNoWindow() {
        assertThat(store.window("a", 4)).isNull();
    }

    @Test
    void theWindowHoldsTheNewestEmbeddingsOldestFirstAndOlderEntriesAreDeleted() {
        for (int tp = 1; tp <= 6; tp++) {
            store.append("a", tp, tp * 0.25f, new float[] {tp, -tp}, 3);
        }
        TemporalContext.Window w = store.window("a", 3);
        assertThat(w.hours()).containsExactly(1.0f, 1.25f, 1.5f);
        assertThat(w.embeddings()).hasDimensions(3, 2);
        assertThat(w.embeddings()[0]).containsExactly(4f, -4f);
        assertThat(w.embeddings()[2]).containsExactly(6f, -6f);
        assertThat(count("a")).as("entries kept in the store").isEqualTo(3);
        assertThat(store.window("a", 2).hours()).containsExactly(1.25f, 1.5f);
    }

    @Test
    void timePointsSortNumericallyAndEmbryosWithSharedPrefixesStayApart() {
        store.append("a", 9, 2.25f, new float[] {9}, 5);
        store.append("a", 10, 2.5f, new float[] {10}, 5);
        store.append("ab", 1, 0.25f, new float[] {100}, 5);
        store.append("a", 100, 25f, new float[] {100}, 5);

        assertThat(store.window("a", 5).hours()).containsExactly(2.25f, 2.5f, 25f);
        assertThat(store.window("ab", 5).hours()).containsExactly(0.25f);
    }

    private long count(String embryo) {
        long n = 0;
        try (KeyValueIterator<String, ?> it = entries.range(embryo + "|", embryo + "}")) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
