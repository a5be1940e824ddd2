package io.embryostream.frames;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.codec.TrustedClasses;
import java.util.ArrayList;
import java.util.List;

/**
 * The focal planes a {@link FrameEvent} carries: its own ({@code focalPlane}, {@code image}) first, then
 * {@code otherPlanes}. A device publishes one plane per record; the ingest and the synthetic incubator
 * publish a time point's planes in one record. Consumers read planes through this, never {@code image} alone.
 */
public final class FramePlanes {

    static {
        TrustedClasses.ensure(); // perPlane copies records
    }

    private FramePlanes() {
    }

    public static List<PlaneImage> of(FrameEvent event) {
        List<PlaneImage> planes = new ArrayList<>(count(event));
        planes.add(new PlaneImage(event.getFocalPlane(), event.getImage(), event.getSourceRef()));
        if (event.getOtherPlanes() != null) {
            planes.addAll(event.getOtherPlanes());
        }
        return planes;
    }

    /**
     * The record as a device would have published it, one record per plane, each with its own plane,
     * image, source reference and frame id (as {@code EmbryoIds.frameId} builds them).
     */
    public static List<FrameEvent> perPlane(FrameEvent event) {
        if (event.getOtherPlanes() == null || event.getOtherPlanes().isEmpty()) {
            return List.of(event);
        }
        List<FrameEvent> out = new ArrayList<>(count(event));
        for (PlaneImage plane : of(event)) {
            out.add(FrameEvent.newBuilder(event).setFocalPlane(plane.getFocalPlane()).setImage(plane.getImage())
                    .setSourceRef(plane.getSourceRef())
                    .setFrameId(EmbryoIds.frameId(event.getEmbryoId(), event.getTimePoint(), plane.getFocalPlane()))
                    .setOtherPlanes(null).build());
        }
        return out;
    }

    /** How many planes the record carries. */
    public static int count(FrameEvent event) {
        return 1 + (event.getOtherPlanes() == null ? 0 : event.getOtherPlanes().size());
    }
}
