package io.embryostream.classifier.topology;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.inference.EmbeddingWindowStore;
import io.embryostream.topics.TopicCatalog;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The classifier's state stores: names, value types and serdes, builders. Values are Avro records
 * of {@code io.embryostream.schemas.state} (released and checked like the topics' schemas); the
 * serdes also read the formats of the builds before them, so a changelog written by release 0.1
 * restores. Names are fixed: a store's changelog topic is named after it.
 */
public final class ClassifierStores {

    /** {@link EmbryoState} per embryo id. */
    public static final String EMBRYO_STATE = "embryo-state";
    /** One plane of a time point still missing planes, per embryo, time point and plane. */
    public static final String PENDING_PLANES = "pending-planes";
    /** Time points accepted for inference and not yet emitted, per embryo and time point. */
    public static final String PENDING_TIME_POINTS = "pending-time-points";
    /** Frame embeddings of the recent time points of embryos on a window head, per embryo and time point. */
    public static final String RECENT_EMBEDDINGS = "recent-embeddings";

    private ClassifierStores() {
    }

    /** Every store with its builder, in the order the topology adds them. */
    static List<StoreBuilder<?>> builders() {
        Map<String, String> changelog = TopicCatalog.standard().changelogConfig();
        return List.of(store(EMBRYO_STATE, EmbryoState.SERDE, changelog),
                store(PENDING_PLANES, ReadyTimePoint.SERDE, changelog),
                store(PENDING_TIME_POINTS, ReadyTimePoint.SERDE, changelog),
                store(RECENT_EMBEDDINGS, EmbeddingWindowStore.SERDE, changelog));
    }

    /** The value serde of each store, by name (tests read stores with them). */
    public static Map<String, Serde<?>> serdes() {
        return Map.of(EMBRYO_STATE, EmbryoState.SERDE, PENDING_PLANES, ReadyTimePoint.SERDE,
                PENDING_TIME_POINTS, ReadyTimePoint.SERDE, RECENT_EMBEDDINGS, EmbeddingWindowStore.SERDE);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values,
                                                                    Map<String, String> changelog) {
        // Cached: a pending time point put and deleted, or an embryo's state written twice, within one commit
        // interval reaches RocksDB and the changelog once (a tombstone instead of a 40 KB frame), inside the
        // same transaction.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(changelog).withCachingEnabled();
    }
}
