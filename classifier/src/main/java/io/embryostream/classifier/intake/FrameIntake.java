package io.embryostream.classifier.intake;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.frames.FramePlanes;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.schemas.codec.EventDecodingException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes and validates frames (see {@link DecodingIntake} for why decoding happens here). */
public final class FrameIntake extends DecodingIntake<FrameEvent> {

    /** Focal planes the system knows (FORMATS.md): −45 … +45 in steps of 15. */
    public static final Set<Integer> KNOWN_PLANES = Set.of(-45, -30, -15, 0, 15, 30, 45);

    public FrameIntake(String topic, EventCodec<FrameEvent> codec, ClassifierMetrics metrics, String acceptedChild,
                       String deadLetterChild) {
        super(topic, codec, metrics, acceptedChild, deadLetterChild);
    }

    /** A frame that fails validation, with its reason code and the exception class behind it, if any. */
    static final class Rejected extends Exception {
        final DeadLetterReason reason;
        final Class<?> cause;

        Rejected(DeadLetterReason reason, String message) {
            this(reason, message, null);
        }

        Rejected(DeadLetterReason reason, String message, Class<?> cause) {
            super(message, null, false, false);
            this.reason = reason;
            this.cause = cause;
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        metrics.frameIn();
        try {
            accepted(record, accept(record.key(), record.value()));
        } catch (Rejected r) {
            deadLetter(record, r.reason, r.getMessage(), r.cause == null ? Rejected.class : r.cause);
        }
    }

    AcceptedFrame accept(String key, byte[] value) throws Rejected {
        FrameEvent e;
        try {
            e = codec.decode(topic, value);
        } catch (EventDecodingException ex) {
            throw new Rejected(DeadLetters.reasonFor(ex), ex.getMessage(), ex.getClass());
        }
        if (key == null || !key.equals(e.getEmbryoId())) {
            throw new Rejected(DeadLetterReason.UNDECODABLE, "record key '" + key + "' is not the frame's embryo id"
                    + " (keys must be the embryo id so an embryo's frames share a partition)");
        }
        double h = e.getHoursPostInsemination();
        if (Double.isNaN(h) || h < 0 || h > 400) {
            throw new Rejected(DeadLetterReason.OTHER, "hours post-insemination " + h + " is not a culture time");
        }
        SortedMap<Integer, byte[]> planes = new TreeMap<>();
        for (PlaneImage plane : FramePlanes.of(e)) {
            if (planes.put(plane.getFocalPlane(), pixels(plane)) != null) {
                throw new Rejected(DeadLetterReason.UNDECODABLE, "focal plane " + plane.getFocalPlane()
                        + " appears twice in one record (" + plane.getSourceRef() + "); each plane once per time point");
            }
        }
        return new AcceptedFrame(e, planes);
    }

    /** One plane's canonical pixels; the reason names the plane where the record carries several. */
    private static byte[] pixels(PlaneImage plane) throws Rejected {
        int p = plane.getFocalPlane();
        if (!KNOWN_PLANES.contains(p)) {
            throw new Rejected(DeadLetterReason.UNKNOWN_PLANE, "focal plane " + p + " is not one of " + KNOWN_PLANES
                    + " (map the device's planes as FORMATS.md describes)");
        }
        Image image = plane.getImage();
        if (image.getWidth() != CanonicalFrame.SIZE || image.getHeight() != CanonicalFrame.SIZE) {
            throw new Rejected(DeadLetterReason.WRONG_SIZE, "plane " + p + ": image is " + image.getWidth() + "x"
                    + image.getHeight() + "; frames must be canonical " + CanonicalFrame.SIZE + "x"
                    + CanonicalFrame.SIZE + " (publish through the ingest's preprocessing)");
        }
        byte[] data = bytes(image.getData());
        if (image.getEncoding() == ImageEncoding.GRAY8) {
            if (data.length != CanonicalFrame.SIZE * CanonicalFrame.SIZE) {
                throw new Rejected(DeadLetterReason.CORRUPT_IMAGE, "plane " + p + ": GRAY8 image has " + data.length
                        + " bytes, not " + CanonicalFrame.SIZE * CanonicalFrame.SIZE);
            }
            return data;
        }
        if (image.getEncoding() != ImageEncoding.PNG) {
            throw new Rejected(DeadLetterReason.CORRUPT_IMAGE, "plane " + p + ": image encoding " + image.getEncoding()
                    + " is not accepted; canonical frames are PNG or GRAY8");
        }
        try {
            return CanonicalPng.decode(data);
        } catch (CanonicalPngException ex) {
            throw new Rejected(ex.problem() == CanonicalPngException.Problem.WRONG_SIZE
                    ? DeadLetterReason.WRONG_SIZE : DeadLetterReason.CORRUPT_IMAGE, "plane " + p + ": " + ex.getMessage(),
                    ex.getClass());
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
