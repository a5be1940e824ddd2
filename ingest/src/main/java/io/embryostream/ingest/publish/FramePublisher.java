package io.embryostream.ingest.publish;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.codec.TrustedClasses;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.OptionalDouble;

/**
 * Turns canonical frames into {@link FrameEvent}s and lifecycle changes into {@link EmbryoLifecycle}
 * events, keyed by the embryo id (HMAC of the source's identity under the clinic secret), and hands
 * them to a {@link FrameSink}. Export readers, the watched folder and the synthetic incubator build
 * their events through this one class.
 */
public final class FramePublisher {

    static {
        TrustedClasses.ensure(); // events are built here before any codec may have been loaded
    }

    /** The embryo a frame belongs to, as published: never a patient identity or a path. */
    public record Embryo(String embryoId, String displayLabel, String producer) {
    }

    /**
     * One canonical frame and what is known about it.
     *
     * @param acquisitionTime when the incubator took it, or null where unknown (exports)
     * @param groundTruth     labels, or null for unannotated wells
     */
    public record CanonicalFrameEvent(int timePoint, int focalPlane, double hours, HpiSource hpiSource,
                                      Instant acquisitionTime, byte[] canonicalGray8, String sourceRef,
                                      GroundTruth groundTruth) {
    }

    private final FrameSink sink;
    private final EmbryoIds ids;
    private final Clock clock;

    public FramePublisher(FrameSink sink, EmbryoIds ids, Clock clock) {
        this.sink = sink;
        this.ids = ids;
        this.clock = clock;
    }

    /** The published identity of the embryo the source calls {@code sourceIdentity} (e.g. {@code miri:<slide>:P03}). */
    public Embryo embryo(String sourceIdentity, String displayLabel, String producer) {
        return new Embryo(ids.embryoId(sourceIdentity), displayLabel, producer);
    }

    public void frame(Embryo embryo, CanonicalFrameEvent frame) {
        sink.frame(event(embryo, frame, clock.instant()));
    }

    /** Publishes a time point's planes as one record ({@link #event(Embryo, List, Instant)}). */
    public void timePoint(Embryo embryo, List<CanonicalFrameEvent> planes) {
        sink.frame(event(embryo, planes, clock.instant()));
    }

    /**
     * One record for the planes of one time point, which a producer that has them all at once (an
     * export, the synthetic incubator) publishes instead of one record per plane: the first plane in
     * the record's own fields, the rest in {@code otherPlanes}. Time point, hours, acquisition time and
     * ground truth are the first plane's; the others must agree on the time point.
     */
    public static FrameEvent event(Embryo embryo, List<CanonicalFrameEvent> planes, Instant ingestTime) {
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("a time point needs at least one plane");
        }
        CanonicalFrameEvent first = planes.get(0);
        List<PlaneImage> others = new ArrayList<>(planes.size() - 1);
        Set<Integer> seen = new HashSet<>(List.of(first.focalPlane()));
        for (CanonicalFrameEvent p : planes.subList(1, planes.size())) {
            if (p.timePoint() != first.timePoint() || !seen.add(p.focalPlane())) {
                throw new IllegalArgumentException(p.sourceRef() + ": plane " + p.focalPlane() + " of time point "
                        + p.timePoint() + " does not belong in one record with " + first.sourceRef()
                        + " (one time point, each plane once)");
            }
            others.add(new PlaneImage(p.focalPlane(), canonicalImage(p.canonicalGray8()), p.sourceRef()));
        }
        FrameEvent event = event(embryo, first, ingestTime);
        event.setOtherPlanes(others.isEmpty() ? null : others);
        return event;
    }

    /**
     * The one place a {@link FrameEvent} is built from a canonical frame: the export ingest, the
     * watched folder and the synthetic incubator all publish through it.
     *
     * @param ingestTime when it is handed to Kafka
     */
    public static FrameEvent event(Embryo embryo, CanonicalFrameEvent frame, Instant ingestTime) {
        return event(embryo, frame, canonicalImage(frame.canonicalGray8()), ingestTime);
    }

    /**
     * A {@link FrameEvent} around an image that is not the frame's canonical pixels as this
     * publisher encodes them (the demo's deliberately broken frames); {@code frame.canonicalGray8()}
     * is not read.
     */
    public static FrameEvent event(Embryo embryo, CanonicalFrameEvent frame, Image image, Instant ingestTime) {
        if (!Double.isFinite(frame.hours()) || frame.hours() < 0) {
            throw new IllegalArgumentException(frame.sourceRef() + ": hours post-insemination must be a non-negative number, was "
                    + frame.hours());
        }
        return FrameEvent.newBuilder()
                .setEmbryoId(embryo.embryoId())
                .setDisplayLabel(embryo.displayLabel())
                .setFrameId(EmbryoIds.frameId(embryo.embryoId(), frame.timePoint(), frame.focalPlane()))
                .setTimePoint(frame.timePoint())
                .setFocalPlane(frame.focalPlane())
                .setAcquisitionTime(frame.acquisitionTime())
                .setHoursPostInsemination(frame.hours())
                .setHpiSource(frame.hpiSource())
                .setImage(image)
                .setSourceRef(frame.sourceRef())
                .setProducer(embryo.producer())
                .setIngestTime(ingestTime)
                .setGroundTruth(frame.groundTruth())
                .build();
    }

    /**
     * A canonical frame as it travels: its raw GRAY8 pixels, compressed by the producer
     * ({@link KafkaFrameSink}), never encoded as an image format on the way.
     */
    public static Image canonicalImage(byte[] canonicalGray8) {
        return CanonicalImages.gray8(canonicalGray8);
    }

    /**
     * @param insemination    the insemination time where known (live sources), else null
     * @param intervalMinutes the nominal interval between frames, where known
     */
    public void lifecycle(Embryo embryo, LifecycleState state, Instant insemination, OptionalDouble intervalMinutes,
                          boolean live) {
        sink.lifecycle(EmbryoLifecycle.newBuilder()
                .setEmbryoId(embryo.embryoId())
                .setDisplayLabel(embryo.displayLabel())
                .setState(state)
                .setEventTime(clock.instant())
                .setInseminationTime(insemination)
                .setNominalIntervalMinutes(intervalMinutes.isPresent() ? intervalMinutes.getAsDouble() : null)
                .setLive(live)
                .setSource(embryo.producer())
                .build());
    }

    public void flush() {
        sink.flush();
    }
}
