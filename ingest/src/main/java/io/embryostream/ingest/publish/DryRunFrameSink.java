package io.embryostream.ingest.publish;

import io.embryostream.frames.FramePlanes;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink for {@code --dry-run}: every event is encoded exactly as it would be published (so schema
 * violations and oversized records show up), counted and dropped. Nothing reaches Kafka. Thread-safe.
 */
public final class DryRunFrameSink implements FrameSink {

    private final int maxRecordBytes = Integer.parseInt(Topics.FRAMES.spec().config().getOrDefault("max.message.bytes", "1048576"));
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong lifecycleEvents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void frame(FrameEvent frame) {
        byte[] value = Topics.FRAMES.codec().encode(frame);
        if (value.length > maxRecordBytes) {
            throw new IllegalStateException(frame.getSourceRef() + ": the encoded frame is " + value.length
                    + " bytes, over the frames topic's max.message.bytes " + maxRecordBytes);
        }
        frames.addAndGet(FramePlanes.count(frame));
        bytes.addAndGet(value.length);
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        bytes.addAndGet(Topics.LIFECYCLE.codec().encode(event).length);
        lifecycleEvents.incrementAndGet();
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** Frames (planes) counted, whether they came one per record or a time point per record. */
    public long frames() {
        return frames.get();
    }

    public long lifecycleEvents() {
        return lifecycleEvents.get();
    }

    /** Encoded bytes of everything that would have been published. */
    public long bytes() {
        return bytes.get();
    }
}
