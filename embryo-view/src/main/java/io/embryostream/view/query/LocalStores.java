package io.embryostream.view.query;

import io.embryostream.view.timeline.AgreementCounts;
import io.embryostream.view.timeline.EmbryoTimeline;
import io.embryostream.view.timeline.LatestFrame;
import io.embryostream.view.timeline.StagePoint;
import io.embryostream.view.timeline.ViewTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of this instance's own stores (the partitions it is active for). Throws
 * Kafka Streams' {@code InvalidStateStoreException} while stores are migrating; callers answer
 * "retry".
 */
public final class LocalStores {

    private final KafkaStreams streams;
    private final ReviewPolicy policy;
    private final boolean frames;

    public LocalStores(KafkaStreams streams, ReviewPolicy policy, boolean frames) {
        this.streams = streams;
        this.policy = policy;
        this.frames = frames;
    }

    public List<EmbryoSummary> summaries(EmbryoFilter filter) {
        List<EmbryoSummary> out = new ArrayList<>();
        try (KeyValueIterator<String, EmbryoTimeline> all = this.<EmbryoTimeline>store(ViewTopology.TIMELINES).all()) {
            all.forEachRemaining(kv -> {
                EmbryoSummary s = EmbryoSummary.of(kv.value, policy);
                if (filter.matches(s)) {
                    out.add(s);
                }
            });
        }
        out.sort(Comparator.comparing(EmbryoSummary::displayLabel));
        return out;
    }

    public Optional<EmbryoDetail> detail(String embryoId) {
        EmbryoTimeline t = this.<EmbryoTimeline>store(ViewTopology.TIMELINES).get(embryoId);
        if (t == null) {
            return Optional.empty();
        }
        List<StagePoint> points = new ArrayList<>();
        ReadOnlyKeyValueStore<String, StagePoint> store = store(ViewTopology.POINTS);
        try (KeyValueIterator<String, StagePoint> it = store.prefixScan(ViewTopology.pointPrefix(embryoId),
                new StringSerializer())) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        return Optional.of(EmbryoDetail.of(t, points, frame(embryoId).isPresent(), policy));
    }

    public Optional<LatestFrame> frame(String embryoId) {
        return frames ? Optional.ofNullable(this.<LatestFrame>store(ViewTopology.FRAMES).get(embryoId)) : Optional.empty();
    }

    public List<AgreementCounts> agreement() {
        List<AgreementCounts> out = new ArrayList<>();
        try (KeyValueIterator<String, AgreementCounts> all = this.<AgreementCounts>store(ViewTopology.AGREEMENT).all()) {
            all.forEachRemaining((KeyValue<String, AgreementCounts> kv) -> {
                if (kv.value.reviews() != 0) {
                    out.add(kv.value);
                }
            });
        }
        return out;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
