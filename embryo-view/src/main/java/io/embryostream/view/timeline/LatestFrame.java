package io.embryostream.view.timeline;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The newest canonical frame (central plane, PNG) of an embryo. */
public record LatestFrame(int timePoint, double hours, byte[] png) {

    /** Time point, hours, then the PNG bytes as they arrived. */
    public static final class FrameSerde implements Serde<LatestFrame>, Serializer<LatestFrame>,
            Deserializer<LatestFrame> {

        private static final int HEADER = Integer.BYTES + Double.BYTES;

        @Override
        public byte[] serialize(String topic, LatestFrame f) {
            return f == null ? null : ByteBuffer.allocate(HEADER + f.png.length).putInt(f.timePoint)
                    .putDouble(f.hours).put(f.png).array();
        }

        @Override
        public LatestFrame deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length < HEADER) {
                throw new SerializationException("a latest frame needs at least " + HEADER + " bytes, got " + data.length);
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int timePoint = b.getInt();
            double hours = b.getDouble();
            byte[] png = new byte[b.remaining()];
            b.get(png);
            return new LatestFrame(timePoint, hours, png);
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
        public Serializer<LatestFrame> serializer() {
            return this;
        }

        @Override
        public Deserializer<LatestFrame> deserializer() {
            return this;
        }
    }
}
