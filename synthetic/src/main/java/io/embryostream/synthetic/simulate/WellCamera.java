package io.embryostream.synthetic.simulate;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.schemas.HpiSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the pictures of one well at one time point: one record holding a frame per chosen focal plane, rendered directly at the
 * canonical geometry (no locate/crop step is needed for a renderer that knows where the embryo is) and built into
 * events by the ingest's one {@link FramePublisher#event}, with the time point's ground truth. Thread-safe.
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
     * The picture of {@code embryo} at {@code timePoint}, {@code hours} post-insemination: one record with every
     * plane, in plane order ({@link FramePublisher#event(FramePublisher.Embryo, List, Instant)}). {@code ingestTime}
     * is left at the acquisition time: the publisher stamps it when it sends.
     */
    public FrameEvent capture(SimulatedEmbryo embryo, int timePoint, double hours, Instant acquisitionTime) {
        FrameTruth truth = EmbryoRenderer.truth(embryo.timeline(), hours);
        GroundTruth groundTruth = GroundTruth.newBuilder()
                .setGomez16(truth.gomez16().orElse(null))
                .setPronuclear3(truth.pronuclear3().orElse(null))
                .setCellCount(truth.cellCount())
                .setReversal(truth.reversal())
                .build();
        List<FramePublisher.CanonicalFrameEvent> frames = new ArrayList<>(planes.size());
        for (int plane : planes) {
            byte[] pixels = renderer.render(embryo.timeline(), hours, plane, CANONICAL);
            frames.add(new FramePublisher.CanonicalFrameEvent(timePoint, plane, hours, HpiSource.RENDERER,
                    acquisitionTime, pixels, embryo.well().displayLabel() + " #" + timePoint + " plane " + plane,
                    groundTruth));
        }
        return FramePublisher.event(new FramePublisher.Embryo(embryo.embryoId(), embryo.well().displayLabel(),
                EmbryoRenderer.RENDERER_VERSION), frames, acquisitionTime);
    }
}
