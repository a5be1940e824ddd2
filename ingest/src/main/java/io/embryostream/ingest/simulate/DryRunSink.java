package io.embryostream.ingest.simulate;

import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;

/** {@code --dry-run}: everything is rendered and encoded as for Kafka, then dropped. */
public final class DryRunSink implements FrameSink {

    @Override
    public void frame(FrameEvent frame) {
        // rendered and encoded for nothing: the point of a dry run is the rendering load
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        // as above
    }

    @Override
    public void flush() {
        // nothing is in flight
    }

    @Override
    public void close() {
        // nothing to release
    }
}
