package io.embryostream.classifier;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory stores, initialised, for unit tests of the classes that read and write them. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    /** An in-memory, unlogged store of the classifier's shape, attached to {@code context}. */
    public static KeyValueStore<String, byte[]> store(String name, MockProcessorContext<?, ?> context) {
        KeyValueStore<String, byte[]> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        s.init(context.getStateStoreContext(), s);
        context.addStateStore(s);
        return s;
    }

    /** An in-memory store with no processor around it. */
    public static KeyValueStore<String, byte[]> store(String name) {
        return store(name, new MockProcessorContext<>());
    }
}
