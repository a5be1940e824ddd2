package io.embryostream.classifier.inference;

import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.EmbeddingValue;
import io.embryostream.classifier.embryo.StateSerde;
import io.embryostream.classifier.embryo.StoreKeys;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The recent frame embeddings of embryos on a window (Transformer) head: one entry per embryo and
 * time point ({@link StoreKeys#timePoint}), read back by a prefix range scan, so each time point
 * writes one small entry instead of rewriting the whole window. Values are {@link EmbeddingValue}s.
 */
public final class EmbeddingWindowStore {

    private static final StateCodec<EmbeddingValue> CODEC = StateCodec.of(EmbeddingValue.class, "recent embeddings");
    /** The recent-embeddings store's value serde; it reads the entries of the builds before Avro too. */
    public static final Serde<EmbeddingValue> SERDE = StateSerde.of(CODEC::encode, EmbeddingWindowStore::read);
    /** The format byte of the builds before the Avro state schemas. */
    private static final byte LEGACY_FORMAT = 1;

    private final KeyValueStore<String, EmbeddingValue> store;

    public EmbeddingWindowStore(KeyValueStore<String, EmbeddingValue> store) {
        this.store = store;
    }

    /** The embryo's newest {@code keep} embeddings, oldest first, or null when it has none. */
    public TemporalContext.Window window(String embryoId, int keep) {
        Deque<KeyValue<String, EmbeddingValue>> newest = new ArrayDeque<>();
        try (KeyValueIterator<String, EmbeddingValue> it = store.range(StoreKeys.embryoFrom(embryoId),
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
        for (KeyValue<String, EmbeddingValue> kv : newest) {
            hours[i] = kv.value.getHours();
            embeddings[i] = new float[kv.value.getEmbedding().size()];
            for (int k = 0; k < embeddings[i].length; k++) {
                embeddings[i][k] = kv.value.getEmbedding().get(k);
            }
            i++;
        }
        return new TemporalContext.Window(embeddings, hours, TemporalContext.Cadence.NONE);
    }

    /** An entry: Avro, or format 1 of the builds before the Avro state schemas (a format byte, the hours, the embedding). */
    private static EmbeddingValue read(byte[] bytes) {
        if (StateCodec.isSingleObject(bytes)) {
            return CODEC.decode(bytes);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != LEGACY_FORMAT) {
            throw new IllegalStateException("an embedding entry has a format this build cannot read; roll back the"
                    + " classifier or reset its state stores");
        }
        float hours = b.getFloat();
        List<Float> e = new ArrayList<>(b.remaining() / Float.BYTES);
        while (b.remaining() >= Float.BYTES) {
            e.add(b.getFloat());
        }
        return new EmbeddingValue(hours, e);
    }

    /** Stores one time point's embedding and deletes the embryo's entries older than the newest {@code keep}. */
    public void append(String embryoId, int timePoint, float hours, float[] embedding, int keep) {
        List<Float> e = new ArrayList<>(embedding.length);
        for (float f : embedding) {
            e.add(f);
        }
        store.put(StoreKeys.timePoint(embryoId, timePoint), new EmbeddingValue(hours, e));
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, EmbeddingValue> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.subList(0, Math.max(0, keys.size() - keep)).forEach(store::delete);
    }
}
