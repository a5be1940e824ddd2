package io.embryostream.view.timeline;

import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.ImageEncoding;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each embryo's newest central-plane PNG frame; other planes and encodings are skipped. */
final class LatestFrameProcessor implements Processor<String, FrameEvent, Void, Void> {

    private KeyValueStore<String, LatestFrame> frames;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        frames = context.getStateStore(ViewTopology.FRAMES);
    }

    @Override
    public void process(Record<String, FrameEvent> record) {
        FrameEvent f = record.value();
        if (record.key() == null || f == null || f.getFocalPlane() != 0
                || f.getImage().getEncoding() != ImageEncoding.PNG) {
            return;
        }
        LatestFrame stored = frames.get(record.key());
        if (stored != null && stored.timePoint() > f.getTimePoint()) {
            return;
        }
        ByteBuffer data = f.getImage().getData();
        byte[] png = new byte[data.remaining()];
        data.duplicate().get(png);
        frames.put(record.key(), new LatestFrame(f.getTimePoint(), f.getHoursPostInsemination(), png));
    }
}
