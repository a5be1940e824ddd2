package io.embryostream.view.timeline;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.frames.FramePlanes;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each embryo's newest central-plane frame as canonical pixels (GRAY8 as published, PNG from a
 * device decoded), whether it came alone or with the time point's other planes; other planes, and frames that are not canonical, are skipped.
 */
final class LatestFrameProcessor implements Processor<String, FrameEvent, Void, Void> {

    private KeyValueStore<String, LatestFrame> frames;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        frames = context.getStateStore(ViewTopology.FRAMES);
    }

    @Override
    public void process(Record<String, FrameEvent> record) {
        FrameEvent f = record.value();
        if (record.key() == null || f == null) {
            return;
        }
        Optional<PlaneImage> central = FramePlanes.of(f).stream().filter(p -> p.getFocalPlane() == 0).findFirst();
        if (central.isEmpty()) {
            return;
        }
        LatestFrame stored = frames.get(record.key());
        if (stored != null && stored.timePoint() > f.getTimePoint()) {
            return;
        }
        byte[] pixels;
        try {
            pixels = CanonicalImages.pixels(central.get().getImage());
        } catch (CanonicalPngException notCanonical) {
            return; // the classifier dead-letters it; the view keeps the last good frame
        }
        frames.put(record.key(), new LatestFrame(f.getTimePoint(), f.getHoursPostInsemination(), pixels));
    }
}
