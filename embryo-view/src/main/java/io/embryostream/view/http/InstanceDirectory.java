package io.embryostream.view.http;

import io.embryostream.view.timeline.ViewTopology;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which view instance owns an embryo, and which instances there are (Kafka Streams metadata). */
final class InstanceDirectory {

    private final KafkaStreams streams;
    private final HostInfo self;

    InstanceDirectory(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    HostInfo self() {
        return self;
    }

    /** The instance active for the embryo's partition; empty while the group is rebalancing. */
    Optional<HostInfo> ownerOf(String embryoId) {
        KeyQueryMetadata m = streams.queryMetadataForKey(ViewTopology.TIMELINES, embryoId, new StringSerializer());
        return m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) ? Optional.empty() : Optional.of(m.activeHost());
    }

    /** Every instance that holds part of the timelines. */
    List<HostInfo> instances() {
        return streams.streamsMetadataForStore(ViewTopology.TIMELINES).stream().map(StreamsMetadata::hostInfo)
                .distinct().toList();
    }
}
