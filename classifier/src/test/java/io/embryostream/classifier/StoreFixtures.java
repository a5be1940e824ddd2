package io.embryostream.classifier;

import io.embryostream.classifier.topology.ClassifierStores;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory stores of the classifier's names and serdes, initialised, for unit tests of their users. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    /** The classifier's store {@code name} in memory, unlogged, attached to {@code context}. */
    @SuppressWarnings("unchecked")
    public static <V> KeyValueStore<String, V> store(String name, MockProcessorContext<?, ?> context) {
        Serde<V> values = (Serde<V>) ClassifierStores.serdes().get(name);
        if (values == null) {
            throw new IllegalArgumentException("the classifier has no store " + name);
        }
        KeyValueStore<String, V> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        s.init(context.getStateStoreContext(), s);
        context.addStateStore(s);
        return s;
    }

    /** The classifier's store {@code name} in memory, with no processor around it. */
    public static <V> KeyValueStore<String, V> store(String name) {
        return store(name, new MockProcessorContext<>());
    }
}
