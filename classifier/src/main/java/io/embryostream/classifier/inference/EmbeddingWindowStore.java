package io.embryostream.classifier.inference;

import io.embryostream.classifier.embryo.StoreKeys;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The recent frame embeddings of embryos on a window (Transformer) head: one entry per embryo and
 * time point ({@link StoreKeys#timePoint}), read back by a prefix range scan, so each time point
 * writes one small entry instead of rewriting the whole window. Values are versioned bytes:
 * hours post-insemination, then the embedding.
 */
final class EmbeddingWindowStore {

    private static final byte FORMAT_VERSION = 1;

    private final KeyValueStore<String, byte[]> store;

    public EmbeddingWindowStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The embryo's newest {@code keep} embeddings, oldest first, or null when it has none. */
    public TemporalContext.Window window(String embryoId, int keep) {
        Deque<KeyValue<String, byte[]>> newest = new ArrayDeque<>();
        try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
            while (it.hasNext()) {
                newest.addLast(it.next());
                if (newest.size() > keep) {
                    newest.removeFirst();
                }
            }
        }
        if (newest.isEmpty()) {
            return null;
        }
        float[][] embeddings = new float[newest.size()][];
        float[] hours = new float[newest.size()];
        int i = 0;
        for (KeyValue<String, byte[]> kv : newest) {
            ByteBuffer b = ByteBuffer.wrap(kv.value);
            if (b.get() != FORMAT_VERSION) {
                throw new IllegalStateException("embedding entry " + kv.key + " has a format this build cannot read;"
                        + " roll back the classifier or reset its state stores");
            }
            hours[i] = b.getFloat();
            embeddings[i] = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(embeddings[i]);
            i++;
        }
        return new TemporalContext.Window(embeddings, hours);
    }

    /** Stores one time point's embedding and deletes the embryo's entries older than the newest {@code keep}. */
    public void append(String embryoId, int timePoint, float hours, float[] embedding, int keep) {
        ByteBuffer b = ByteBuffer.allocate(1 + Float.BYTES * (1 + embedding.length)).put(FORMAT_VERSION).putFloat(hours);
        for (float f : embedding) {
            b.putFloat(f);
        }
        store.put(StoreKeys.timePoint(embryoId, timePoint), b.array());
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.subList(0, Math.max(0, keys.size() - keep)).forEach(store::delete);
    }
}
