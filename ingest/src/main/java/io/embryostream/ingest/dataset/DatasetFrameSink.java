package io.embryostream.ingest.dataset;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.frames.FramePlanes;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.schemas.PlaneImage;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link FrameSink} that writes every frame the export ingest would publish into a training set:
 * the canonical pixels of each plane the event carries, its hours, plane and ground truth under both schemes,
 * keyed by the same embryo id the ingest publishes. Lifecycle events carry nothing a training set
 * keeps. Writes are synchronous, so {@link #flush()} has nothing to wait for. Thread-safe.
 */
final class DatasetFrameSink implements FrameSink {

    private final DatasetWriter writer;

    public DatasetFrameSink(DatasetWriter writer) {
        this.writer = writer;
    }

    @Override
    public void frame(FrameEvent frame) {
        FrameLabels labels = labels(frame.getGroundTruth());
        for (PlaneImage plane : FramePlanes.of(frame)) {
            writer.write(new DatasetFrame(frame.getEmbryoId(), frame.getTimePoint(), frame.getHoursPostInsemination(),
                    plane.getFocalPlane(), canonicalPixels(plane), labels));
        }
    }

    private static byte[] canonicalPixels(PlaneImage plane) {
        try {
            return CanonicalImages.pixels(plane.getImage());
        } catch (CanonicalPngException e) {
            throw new DatasetException(plane.getSourceRef() + ": " + e.getMessage(), e);
        }
    }

    /** An unannotated well's frames go in unlabelled under both schemes (the ingest reports the well). */
    static FrameLabels labels(GroundTruth truth) {
        if (truth == null) {
            return new FrameLabels(Optional.empty(), Optional.empty(), OptionalInt.empty(), false);
        }
        return new FrameLabels(Optional.ofNullable(truth.getPronuclear3()), Optional.ofNullable(truth.getGomez16()),
                truth.getCellCount() == null ? OptionalInt.empty() : OptionalInt.of(truth.getCellCount()),
                truth.getReversal());
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        // a training set has no lifecycle
    }

    @Override
    public void flush() {
        // every frame is on disk when frame() returns
    }

    @Override
    public void close() {
        // the writer is finished by its owner
    }
}
