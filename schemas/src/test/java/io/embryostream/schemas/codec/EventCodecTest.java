package io.embryostream.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReplay;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    static Stream<SpecificRecord> everyEventType() {
        return Stream.of(SampleEvents.frame("e1", 98, 0), SampleEvents.stage(), SampleEvents.transition(),
                SampleEvents.alert(), SampleEvents.lifecycle(), SampleEvents.deadLetter(), SampleEvents.annotation());
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void everySchemaRoundTrips(T event) {
        EventCodec<T> codec = EventCodec.of((Class<T>) event.getClass());
        byte[] bytes = codec.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode("t", bytes)).isEqualTo(event);
    }

    /** The codec's own buffered encoder and decoder against Avro's message encoder and decoder. */
    @ParameterizedTest
    @MethodSource("everyEventType")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void theBytesAreAvrosSingleObjectEncodingAndAvroReadsThem(T event) throws Exception {
        EventCodec<T> codec = EventCodec.of((Class<T>) event.getClass());
        assertThat(codec.encode(event)).isEqualTo(codec.encodeWithAvroMessageEncoder(event));
        org.apache.avro.message.BinaryMessageDecoder<T> avro = new org.apache.avro.message.BinaryMessageDecoder<>(
                org.apache.avro.specific.SpecificData.getForClass((Class<T>) event.getClass()), event.getSchema());
        assertThat(avro.decode(codec.encode(event))).isEqualTo(event);
        byte[] truncated = java.util.Arrays.copyOf(codec.encode(event), codec.encode(event).length - 1);
        assertThatThrownBy(() -> codec.decode("t", truncated)).isInstanceOf(EventDecodingException.class);
    }

    @Test
    void everyEventTypeHasAReleasedVersion() {
        for (Class<?> c : List.of(FrameEvent.class, StageEvent.class, TransitionEvent.class, AlertEvent.class,
                EmbryoLifecycle.class, DeadLetter.class, AnnotationEvent.class, DeadLetterReplay.class,
                io.embryostream.schemas.IngestProgress.class)) {
            assertThat(ReleasedSchemas.of(c.getSimpleName())).as(c.getSimpleName()).isNotEmpty();
        }
    }

    @Test
    void anEventWrittenWithThePreviousSchemaIsReadByTheCurrentOne() throws Exception {
        Schema previous = schema("/older/FrameEvent-previous.avsc");
        FrameEvent current = SampleEvents.frame("e1", 5, 15);
        GenericRecord old = new GenericData.Record(previous);
        for (Schema.Field f : previous.getFields()) {
            old.put(f.name(), GenericData.get().deepCopy(f.schema(), toGeneric(current, f)));
        }
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), previous).encode(old).array();

        FrameEvent read = EventCodec.of(FrameEvent.class, List.of(previous)).decode("embryo.frames.v1", bytes);

        assertThat(read.getEmbryoId()).isEqualTo("e1");
        assertThat(read.getFocalPlane()).isEqualTo(15);
        assertThat(read.getImage().getData()).isEqualTo(current.getImage().getData());
        assertThat(read.getGroundTruth()).as("field the old writer did not have takes its default").isNull();
    }

    private static Object toGeneric(FrameEvent e, Schema.Field f) {
        Object v = e.get(f.name());
        if (v instanceof java.time.Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof Enum<?> en) {
            return new GenericData.EnumSymbol(f.schema(), en.name());
        }
        if (v instanceof io.embryostream.schemas.Image img) {
            GenericRecord r = new GenericData.Record(f.schema());
            r.put("data", img.getData());
            r.put("encoding", new GenericData.EnumSymbol(f.schema().getField("encoding").schema(),
                    img.getEncoding().name()));
            r.put("width", img.getWidth());
            r.put("height", img.getHeight());
            return r;
        }
        return v;
    }

    @Test
    void anUnknownFingerprintIsATypedErrorNamingTheTopic() {
        byte[] bytes = EventCodec.of(FrameEvent.class).encode(SampleEvents.frame("e1", 1, 0));
        bytes[5] ^= 0x5A; // inside the 8-byte fingerprint

        assertThatThrownBy(() -> EventCodec.of(FrameEvent.class).decode("embryo.frames.v1", bytes))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNKNOWN_SCHEMA);
                    assertThat(e.topic()).isEqualTo("embryo.frames.v1");
                    assertThat(e.getMessage()).contains("embryo.frames.v1").contains("upgrade");
                });
    }

    @Test
    void garbageIsATypedErrorNotACrashOrNull() {
        byte[] garbage = "not avro at all".getBytes();
        assertThatThrownBy(() -> EventCodec.of(FrameEvent.class).decode("embryo.frames.v1", garbage))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNDECODABLE))
                .hasMessageContaining("embryo.frames.v1");
    }

    @Test
    void aTruncatedBodyIsUndecodable() {
        byte[] full = EventCodec.of(StageEvent.class).encode(SampleEvents.stage());
        byte[] truncated = Arrays.copyOf(full, 14);
        assertThatThrownBy(() -> EventCodec.of(StageEvent.class).decode("embryo.stages.v1", truncated))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.UNDECODABLE));
    }

    @Test
    void serdeKeepsTombstonesNull() {
        EventSerde<FrameEvent> serde = new EventSerde<>(EventCodec.of(FrameEvent.class));
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
        FrameEvent e = SampleEvents.frame("e2", 3, -15);
        assertThat(serde.deserialize("t", serde.serialize("t", e))).isEqualTo(e);
        assertThat(ByteBuffer.wrap(serde.serialize("t", e)).getShort()).isEqualTo((short) 0xC301);
    }

    static Schema schema(String resource) throws Exception {
        try (InputStream in = EventCodecTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
