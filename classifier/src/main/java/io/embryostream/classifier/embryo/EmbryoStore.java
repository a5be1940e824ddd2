package io.embryostream.classifier.embryo;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Typed access to the embryo-state store (values are {@link EmbryoState} bytes). */
public final class EmbryoStore {

    private final KeyValueStore<String, byte[]> store;

    public EmbryoStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The embryo's state, or null when the classifier has none. */
    public EmbryoState get(String embryoId) {
        byte[] b = store.get(embryoId);
        return b == null ? null : EmbryoState.fromBytes(b);
    }

    public void put(String embryoId, EmbryoState state) {
        store.put(embryoId, state.toBytes());
    }

    /** Deletes the embryo's state; the changelog gets a tombstone. */
    public void delete(String embryoId) {
        store.delete(embryoId);
    }

    /** Every embryo of the task's store, decoded; close it. */
    public KeyValueIterator<String, EmbryoState> all() {
        KeyValueIterator<String, byte[]> raw = store.all();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public KeyValue<String, EmbryoState> next() {
                KeyValue<String, byte[]> kv = raw.next();
                return KeyValue.pair(kv.key, EmbryoState.fromBytes(kv.value));
            }

            @Override
            public String peekNextKey() {
                return raw.peekNextKey();
            }

            @Override
            public void close() {
                raw.close();
            }
        };
    }
}
