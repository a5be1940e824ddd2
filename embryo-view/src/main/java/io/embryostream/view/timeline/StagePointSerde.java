package io.embryostream.view.timeline;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** 20 bytes per time point (a culture of ~2000 time points is 40 KB), not a JSON object each. */
public final class StagePointSerde implements Serde<StagePoint>, Serializer<StagePoint>, Deserializer<StagePoint> {

    private static final int SIZE = Integer.BYTES + Double.BYTES + Integer.BYTES + Float.BYTES;

    @Override
    public byte[] serialize(String topic, StagePoint p) {
        return p == null ? null : ByteBuffer.allocate(SIZE).putInt(p.timePoint()).putDouble(p.hours())
                .putInt(p.stageIndex()).putFloat(p.maxProbability()).array();
    }

    @Override
    public StagePoint deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length != SIZE) {
            throw new SerializationException("a stage point is " + SIZE + " bytes, got " + data.length + " from " + topic);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return new StagePoint(b.getInt(), b.getDouble(), b.getInt(), b.getFloat());
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // holds no resources
    }

    @Override
    public Serializer<StagePoint> serializer() {
        return this;
    }

    @Override
    public Deserializer<StagePoint> deserializer() {
        return this;
    }
}
