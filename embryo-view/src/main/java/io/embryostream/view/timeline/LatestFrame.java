package io.embryostream.view.timeline;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPng;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The newest canonical frame (central plane) of an embryo.
 *
 * @param image its canonical pixels ({@link CanonicalImages#GRAY8_BYTES} bytes); values stored by
 *              release 0.1 hold a PNG instead, told apart by length
 */
public record LatestFrame(int timePoint, double hours, byte[] image) {

    /** The frame as a browser shows it: PNG, encoded here from the pixels (only when someone looks). */
    public byte[] png() {
        return image.length == CanonicalImages.GRAY8_BYTES ? CanonicalPng.encode(image) : image;
    }

    /** Time point, hours, then the image bytes. */
    public static final class FrameSerde implements Serde<LatestFrame>, Serializer<LatestFrame>,
            Deserializer<LatestFrame> {

        private static final int HEADER = Integer.BYTES + Double.BYTES;

        @Override
        public byte[] serialize(String topic, LatestFrame f) {
            return f == null ? null : ByteBuffer.allocate(HEADER + f.image.length).putInt(f.timePoint)
                    .putDouble(f.hours).put(f.image).array();
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
            byte[] image = new byte[b.remaining()];
            b.get(image);
            return new LatestFrame(timePoint, hours, image);
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
