package io.embryostream.ingest.simulate;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.ingest.synthetic.EmbryoRenderer;
import io.embryostream.ingest.synthetic.FrameGeometry;
import io.embryostream.ingest.synthetic.FrameTruth;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the pictures of one well at one time point: one frame per chosen focal plane, rendered directly at the
 * canonical geometry (no locate/crop step is needed for a renderer that knows where the embryo is) and encoded
 * with {@link CanonicalPng}, with the time point's ground truth. Thread-safe.
 */
public final class WellCamera {

    private static final FrameGeometry CANONICAL = FrameGeometry.canonical();

    private final EmbryoRenderer renderer;
    private final List<Integer> planes;

    public WellCamera(EmbryoRenderer renderer, List<Integer> planes) {
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("at least one focal plane is needed");
        }
        this.renderer = renderer;
        this.planes = List.copyOf(planes);
    }

    public List<Integer> planes() {
        return planes;
    }

    /**
     * The frames of {@code embryo} at {@code timePoint}, {@code hours} post-insemination, in plane order.
     * {@code ingestTime} is left at the acquisition time: the publisher stamps it when it sends.
     */
    public List<FrameEvent> capture(SimulatedEmbryo embryo, int timePoint, double hours, Instant acquisitionTime) {
        FrameTruth truth = EmbryoRenderer.truth(embryo.timeline(), hours);
        GroundTruth groundTruth = GroundTruth.newBuilder()
                .setGomez16(truth.gomez16().orElse(null))
                .setPronuclear3(truth.pronuclear3().orElse(null))
                .setCellCount(truth.cellCount())
                .setReversal(truth.reversal())
                .build();
        List<FrameEvent> frames = new ArrayList<>(planes.size());
        for (int plane : planes) {
            byte[] png = CanonicalPng.encode(renderer.render(embryo.timeline(), hours, plane, CANONICAL));
            frames.add(FrameEvent.newBuilder()
                    .setEmbryoId(embryo.embryoId())
                    .setDisplayLabel(embryo.well().displayLabel())
                    .setFrameId(EmbryoIds.frameId(embryo.embryoId(), timePoint, plane))
                    .setTimePoint(timePoint)
                    .setFocalPlane(plane)
                    .setAcquisitionTime(acquisitionTime)
                    .setHoursPostInsemination(hours)
                    .setHpiSource(HpiSource.RENDERER)
                    .setImage(Image.newBuilder().setData(ByteBuffer.wrap(png)).setEncoding(ImageEncoding.PNG)
                            .setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build())
                    .setSourceRef(embryo.well().displayLabel() + " #" + timePoint + " plane " + plane)
                    .setProducer(EmbryoRenderer.RENDERER_VERSION)
                    .setIngestTime(acquisitionTime)
                    .setGroundTruth(groundTruth)
                    .build());
        }
        return frames;
    }
}
