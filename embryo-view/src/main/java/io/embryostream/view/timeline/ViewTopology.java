package io.embryostream.view.timeline;

import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The view's Kafka Streams topology. Every input is keyed by embryo id and has the same partition
 * count, so one processor sees all of an embryo's events and the per-embryo stores are
 * co-partitioned with them; agreement is re-keyed by model version and stage and summed in a
 * store of its own. All stores are persistent and changelogged.
 */
public final class ViewTopology {

    /** Embryo id → {@link EmbryoTimeline}. */
    public static final String TIMELINES = "embryo-timelines";
    /** {@code <embryo id>|<time point, 8 digits>} → {@link StagePoint}: a prefix scan gives one embryo in time order. */
    public static final String POINTS = "embryo-stage-points";
    /** Embryo id → {@link LatestFrame}. */
    public static final String FRAMES = "embryo-latest-frames";
    /** {@link AgreementCounts#key} → {@link AgreementCounts}. */
    public static final String AGREEMENT = "agreement";

    private ViewTopology() {
    }

    /**
     * @param toleranceHours largest onset correction that still counts as agreement
     * @param frames whether to keep each embryo's latest frame (reads the frames topic, the largest one)
     */
    public static Topology build(double toleranceHours, boolean frames) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMELINES), Serdes.String(),
                new JsonSerde<>(EmbryoTimeline.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POINTS), Serdes.String(),
                new StagePointSerde()));
        KStream<String, SpecificRecord> events = source(builder, Topics.STAGES)
                .merge(source(builder, Topics.TRANSITIONS), Named.as("merge-transitions"))
                .merge(source(builder, Topics.ALERTS), Named.as("merge-alerts"))
                .merge(source(builder, Topics.ANNOTATIONS), Named.as("merge-annotations"));
        JsonSerde<AgreementCounts> countsSerde = new JsonSerde<>(AgreementCounts.class);
        events.process(() -> new TimelineProcessor(toleranceHours), Named.as("timeline"), TIMELINES, POINTS)
                .repartition(Repartitioned.with(Serdes.String(), countsSerde).withName("agreement-by-model-stage"))
                .groupByKey(Grouped.with(Serdes.String(), countsSerde))
                .aggregate(AgreementCounts::none, (key, change, total) -> total.plus(change),
                        Named.as("sum-agreement"),
                        Materialized.<String, AgreementCounts, KeyValueStore<Bytes, byte[]>>as(AGREEMENT)
                                .withKeySerde(Serdes.String()).withValueSerde(countsSerde));
        if (frames) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAMES), Serdes.String(),
                    new LatestFrame.FrameSerde()));
            builder.stream(Topics.FRAMES.name(), Consumed.with(Topics.FRAMES.keySerde(), Topics.FRAMES.valueSerde())
                            .withName("frames"))
                    .process(LatestFrameProcessor::new, Named.as("latest-frame"), FRAMES);
        }
        return builder.build();
    }

    /** The key of an embryo's time point in {@link #POINTS}; zero-padded so keys sort by time point. */
    public static String pointKey(String embryoId, int timePoint) {
        return pointPrefix(embryoId) + String.format("%08d", timePoint);
    }

    public static String pointPrefix(String embryoId) {
        return embryoId + "|";
    }

    private static <V extends SpecificRecord> KStream<String, SpecificRecord> source(StreamsBuilder builder, Topic<V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.spec().role()))
                .mapValues(v -> (SpecificRecord) v, Named.as("as-event-" + topic.spec().role()));
    }
}
