package io.embryostream.classifier.assemble;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.codec.StateCodec;
import io.embryostream.schemas.state.PendingTimePointValue;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pending stores' value: raw pixels since v2, and the PNG entries an earlier release wrote still read. */
class ReadyTimePointTest {

    private static byte[] pixels(int seed) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 13 + seed * 7) % 251);
        }
        return px;
    }

    @Test
    void aTimePointIsStoredAsRawPixelsAndReadBackUnchanged() {
        ReadyTimePoint tp = new ReadyTimePoint("e1", "S P01", 7, 2.5, 1_000L, -1, List.of("PLANE_SUBSTITUTED"),
                new byte[][] {pixels(1), pixels(2), pixels(3)});
        byte[] stored = tp.toBytes();

        PendingTimePointValue value = StateCodec.of(PendingTimePointValue.class, "test").decode(stored);
        assertThat(value.getFrameEncoding()).isEqualTo("GRAY8");
        assertThat(StateCodec.bytesOf(value.getFrames().get(1))).isEqualTo(pixels(2));
        ReadyTimePoint back = ReadyTimePoint.fromBytes(stored);
        assertThat(back.gray8()).isDeepEqualTo(new byte[][] {pixels(1), pixels(2), pixels(3)});
        assertThat(back.flags()).containsExactly("PLANE_SUBSTITUTED");
        assertThat(back.timePoint()).isEqualTo(7);
    }

    @Test
    void anEntryOfTheFirstReleaseHoldingPngsIsReadAsPixels() throws Exception {
        Schema v1;
        try (InputStream in = PendingTimePointValue.class.getResourceAsStream(
                "/io/embryostream/schemas/released/PendingTimePointValue/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("embryoId", "e1");
        old.put("displayLabel", "S P01");
        old.put("timePoint", 3);
        old.put("hours", 1.0);
        old.put("ingestTime", 5L);
        old.put("acquisitionTime", -1L);
        old.put("flags", List.of());
        old.put("pngs", List.of(ByteBuffer.wrap(CanonicalPng.encode(pixels(4))), ByteBuffer.wrap(CanonicalPng.encode(pixels(5)))));
        byte[] stored = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        ReadyTimePoint back = ReadyTimePoint.fromBytes(stored);
        assertThat(back.gray8()).isDeepEqualTo(new byte[][] {pixels(4), pixels(5)});
        assertThat(back.timePoint()).isEqualTo(3);
    }
}
