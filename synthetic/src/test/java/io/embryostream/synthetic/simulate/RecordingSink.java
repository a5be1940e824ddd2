package io.embryostream.synthetic.simulate;

import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.PublishException;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything in arrival order (frames and lifecycle events interleaved); can refuse after n frames. */
final class RecordingSink implements FrameSink {

    final List<Object> events = new ArrayList<>();
    private final int refuseAfterFrames;
    private int frames;
    int flushes;

    RecordingSink() {
        this(Integer.MAX_VALUE);
    }

    RecordingSink(int refuseAfterFrames) {
        this.refuseAfterFrames = refuseAfterFrames;
    }

    @Override
    public synchronized void frame(FrameEvent frame) {
        if (++frames > refuseAfterFrames) {
            throw new PublishException("broker gone (test)", null);
        }
        events.add(frame);
    }

    @Override
    public synchronized void lifecycle(EmbryoLifecycle event) {
        events.add(event);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }

    synchronized List<FrameEvent> frames() {
        return events.stream().filter(FrameEvent.class::isInstance).map(FrameEvent.class::cast).toList();
    }

    synchronized List<EmbryoLifecycle> lifecycles() {
        return events.stream().filter(EmbryoLifecycle.class::isInstance).map(EmbryoLifecycle.class::cast).toList();
    }
}
