package io.embryostream.topics;

import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.schemas.codec.EventSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic with its serdes: keys are plain UTF-8 embryo ids (any device can produce them and they
 * never change with a schema), values the Avro event declared for the topic in the catalog.
 */
public final class Topic<V extends SpecificRecord> {

    private final TopicSpec spec;
    private final EventSerde<V> valueSerde;

    Topic(TopicSpec spec, Class<V> valueType) {
        if (!spec.valueType().equals(valueType.getSimpleName())) {
            throw new IllegalStateException("topic catalog says " + spec.name() + " carries " + spec.valueType()
                    + " but the code expects " + valueType.getSimpleName());
        }
        this.spec = spec;
        this.valueSerde = new EventSerde<>(EventCodec.of(valueType));
    }

    public String name() {
        return spec.name();
    }

    public TopicSpec spec() {
        return spec;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public EventSerde<V> valueSerde() {
        return valueSerde;
    }

    public EventCodec<V> codec() {
        return valueSerde.codec();
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
