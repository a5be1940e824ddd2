package io.embryostream.classifier.embryo;

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

    public KeyValueStore<String, byte[]> raw() {
        return store;
    }
}
