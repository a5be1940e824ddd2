package io.embryostream.fuzz;

import io.embryostream.frames.FramePlanes;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A sink that keeps only the source ref of every plane published: what the verdicts compare. */
final class PublishedRefs implements FrameSink {

    private final Set<String> refs = ConcurrentHashMap.newKeySet();

    Set<String> refs() {
        return Set.copyOf(refs);
    }

    @Override
    public void frame(FrameEvent record) {
        FramePlanes.perPlane(record).forEach(f -> refs.add(f.getSourceRef()));
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        // frames only
    }

    @Override
    public void flush() {
        // nothing in flight
    }

    @Override
    public void close() {
        // nothing held
    }
}
