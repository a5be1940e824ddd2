package io.embryostream.ingest.source;

import io.embryostream.frames.FramePlanes;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.LifecycleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Keeps every frame published, one entry per plane (as a device would publish them), and the lifecycle states. Thread-safe. */
final class CollectingSink implements FrameSink {

    private final List<FrameEvent> frames = new ArrayList<>();

    @Override
    public synchronized void frame(FrameEvent record) {
        frames.addAll(FramePlanes.perPlane(record));
    }

    synchronized List<FrameEvent> frames(String embryo) {
        return frames.stream().filter(f -> f.getEmbryoId().equals(embryo)).toList();
    }

    List<Integer> planes(String embryo) {
        return frames(embryo).stream().map(FrameEvent::getFocalPlane).toList();
    }

    FrameEvent first(String embryo) {
        return frames(embryo).stream().filter(f -> f.getTimePoint() == 1).findFirst().orElseThrow();
    }

    synchronized Set<String> frameIds() {
        return frames.stream().map(FrameEvent::getFrameId).collect(Collectors.toCollection(TreeSet::new));
    }

    synchronized Set<String> embryoIds() {
        return frames.stream().map(FrameEvent::getEmbryoId).collect(Collectors.toCollection(TreeSet::new));
    }

    private final List<LifecycleState> lifecycle = new ArrayList<>();

    @Override
    public synchronized void lifecycle(EmbryoLifecycle event) {
        lifecycle.add(event.getState());
    }

    /** The lifecycle states published, in order (for tests with one embryo). */
    synchronized List<LifecycleState> lifecycleStates() {
        return List.copyOf(lifecycle);
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
