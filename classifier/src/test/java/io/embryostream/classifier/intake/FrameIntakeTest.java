package io.embryostream.classifier.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FrameIntake alone: what it accepts, and the dead letter, reason and count of everything it refuses. */
class FrameIntakeTest {

    private static final int SIDE = CanonicalFrame.SIZE;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MockProcessorContext<String, Object> context;
    private FrameIntake intake;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_700_000_000_000L);
        context.setRecordMetadata(Topics.FRAMES.name(), 4, 17);
        intake = new FrameIntake(Topics.FRAMES.name(), Topics.FRAMES.codec(), new ClassifierMetrics(registry),
                "accepted", "dead");
        intake.init(context);
    }

    @Test
    void aCanonicalPngFrameIsAcceptedWithItsDecodedPixels() throws Exception {
        byte[] pixels = pixels(7);
        intake.process(record("e1", frame("e1", 0, ImageEncoding.PNG, CanonicalPng.encode(pixels), SIDE)));

        AcceptedFrame f = only("accepted", AcceptedFrame.class);
        assertThat(f.planes()).containsOnlyKeys(0);
        assertThat(f.planes().get(0)).isEqualTo(pixels);
        assertThat(f.event().getEmbryoId()).isEqualTo("e1");
        assertThat(registry.counter("embryo.frames.in").count()).isEqualTo(1);
    }

    @Test
    void aGray8FrameIsAcceptedAsItsPixelsWithoutAnImageCodec() {
        byte[] pixels = pixels(3);
        intake.process(record("e1", frame("e1", 0, ImageEncoding.GRAY8, pixels, SIDE)));

        AcceptedFrame f = only("accepted", AcceptedFrame.class);
        assertThat(f.planes().get(0)).isEqualTo(pixels);
    }

    @Test
    void aTimePointRecordIsAcceptedWithEveryPlanesPixels() {
        FrameEvent e = frame("e1", 0, ImageEncoding.GRAY8, pixels(3), SIDE);
        e.setOtherPlanes(List.of(plane(-15, ImageEncoding.PNG, CanonicalPng.encode(pixels(5)), SIDE),
                plane(15, ImageEncoding.GRAY8, pixels(7), SIDE)));
        intake.process(record("e1", e));

        AcceptedFrame f = only("accepted", AcceptedFrame.class);
        assertThat(f.planes()).containsOnlyKeys(-15, 0, 15);
        assertThat(f.planes().get(-15)).isEqualTo(pixels(5));
        assertThat(f.planes().get(0)).isEqualTo(pixels(3));
        assertThat(f.planes().get(15)).isEqualTo(pixels(7));
    }

    @Test
    void aTimePointRecordWithOneBadPlaneIsRefusedWholeNamingThePlane() {
        FrameEvent twice = frame("e1", 0, ImageEncoding.GRAY8, pixels(3), SIDE);
        twice.setOtherPlanes(List.of(plane(0, ImageEncoding.GRAY8, pixels(4), SIDE)));
        refused("e1", encode(twice), DeadLetterReason.UNDECODABLE, "focal plane 0 appears twice");
        FrameEvent small = frame("e1", 0, ImageEncoding.GRAY8, pixels(3), SIDE);
        small.setOtherPlanes(List.of(plane(15, ImageEncoding.GRAY8, new byte[100], SIDE)));
        refused("e1", encode(small), DeadLetterReason.CORRUPT_IMAGE, "plane 15: GRAY8 image has 100 bytes");
        FrameEvent unknown = frame("e1", 0, ImageEncoding.GRAY8, pixels(3), SIDE);
        unknown.setOtherPlanes(List.of(plane(20, ImageEncoding.GRAY8, pixels(4), SIDE)));
        refused("e1", encode(unknown), DeadLetterReason.UNKNOWN_PLANE, "focal plane 20");
        assertThat(forwardedTo("accepted")).isEmpty();
    }

    @Test
    void everyRefusedFrameBecomesADeadLetterWithItsReasonOriginAndBytes() {
        byte[] png = CanonicalPng.encode(pixels(1));
        byte[] wrongKey = Topics.FRAMES.codec().encode(frame("e1", 0, ImageEncoding.PNG, png, SIDE));
        refused("someone-else", wrongKey, DeadLetterReason.UNDECODABLE, "is not the frame's embryo id");
        refused("e1", "not avro".getBytes(StandardCharsets.UTF_8), DeadLetterReason.UNDECODABLE, "single-object");
        refused("e1", encode(frame("e1", 60, ImageEncoding.PNG, png, SIDE)), DeadLetterReason.UNKNOWN_PLANE, "60");
        FrameEvent late = frame("e1", 0, ImageEncoding.PNG, png, SIDE);
        late.setHoursPostInsemination(900);
        refused("e1", encode(late), DeadLetterReason.OTHER, "not a culture time");
        refused("e1", encode(frame("e1", 0, ImageEncoding.PNG, png, 500)), DeadLetterReason.WRONG_SIZE, "500x500");
        refused("e1", encode(frame("e1", 0, ImageEncoding.GRAY8, new byte[100], SIDE)), DeadLetterReason.CORRUPT_IMAGE,
                "100 bytes");
        byte[] broken = png.clone();
        broken[broken.length / 2] ^= (byte) 0xFF;
        broken[broken.length / 2 + 1] ^= (byte) 0xFF;
        refused("e1", encode(frame("e1", 0, ImageEncoding.PNG, broken, SIDE)), DeadLetterReason.CORRUPT_IMAGE, "");

        assertThat(forwardedTo("accepted")).isEmpty();
        assertThat(registry.counter("embryo.frames.in").count()).isEqualTo(7);
        assertThat(registry.counter("embryo.dead.letters", "reason", "UNDECODABLE").count()).isEqualTo(2);
        assertThat(registry.counter("embryo.dead.letters", "reason", "CORRUPT_IMAGE").count()).isEqualTo(2);
    }

    private void refused(String key, byte[] value, DeadLetterReason reason, String message) {
        context.resetForwards();
        intake.process(new Record<>(key, value, 5L));
        DeadLetter d = only("dead", DeadLetter.class);
        assertThat(d.getReason()).as(message).isEqualTo(reason);
        assertThat(d.getMessage()).contains(message);
        assertThat(d.getOriginTopic()).isEqualTo(Topics.FRAMES.name());
        assertThat(d.getOriginPartition()).isEqualTo(4);
        assertThat(d.getOriginOffset()).isEqualTo(17);
        assertThat(bytes(d.getOriginalValue())).isEqualTo(value);
        assertThat(new String(bytes(d.getOriginalKey()), StandardCharsets.UTF_8)).isEqualTo(key);
    }

    private <T> T only(String child, Class<T> type) {
        List<Object> values = forwardedTo(child);
        assertThat(values).hasSize(1);
        assertThat(values.get(0)).isInstanceOf(type);
        return type.cast(values.get(0));
    }

    private List<Object> forwardedTo(String child) {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals(child))
                .<Object>map(f -> f.record().value()).toList();
    }

    private static Record<String, byte[]> record(String key, FrameEvent e) {
        return new Record<>(key, encode(e), 5L);
    }

    private static byte[] encode(FrameEvent e) {
        return Topics.FRAMES.codec().encode(e);
    }

    private static FrameEvent frame(String embryo, int plane, ImageEncoding encoding, byte[] data, int side) {
        FrameEvent e = SampleEvents.frame(embryo, 3, plane);
        e.setImage(Image.newBuilder().setData(ByteBuffer.wrap(data)).setEncoding(encoding).setWidth(side)
                .setHeight(side).build());
        return e;
    }

    private static PlaneImage plane(int plane, ImageEncoding encoding, byte[] data, int side) {
        return new PlaneImage(plane, Image.newBuilder().setData(ByteBuffer.wrap(data)).setEncoding(encoding)
                .setWidth(side).setHeight(side).build(), "test plane " + plane);
    }

    private static byte[] pixels(int seed) {
        byte[] px = new byte[SIDE * SIDE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * seed + i / SIDE);
        }
        return px;
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
