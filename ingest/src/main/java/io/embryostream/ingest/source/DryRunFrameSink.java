package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topics;

/**
 * A sink for {@code --dry-run}: every event is encoded exactly as it would be published (so schema
 * violations and oversized records show up), counted and dropped. Nothing reaches Kafka.
 */
public final class DryRunFrameSink implements FrameSink {

    private final int maxRecordBytes = Integer.parseInt(Topics.FRAMES.spec().config().getOrDefault("max.message.bytes", "1048576"));
    private long frames;
    private long lifecycleEvents;
    private long bytes;

    @Override
    public void frame(FrameEvent frame) {
        byte[] value = Topics.FRAMES.codec().encode(frame);
        if (value.length > maxRecordBytes) {
            throw new IllegalStateException(frame.getSourceRef() + ": the encoded frame is " + value.length
                    + " bytes, over the frames topic's max.message.bytes " + maxRecordBytes);
        }
        frames++;
        bytes += value.length;
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        bytes += Topics.LIFECYCLE.codec().encode(event).length;
        lifecycleEvents++;
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        // nothing to release
    }

    public long frames() {
        return frames;
    }

    public long lifecycleEvents() {
        return lifecycleEvents;
    }

    /** Encoded bytes of everything that would have been published. */
    public long bytes() {
        return bytes;
    }
}
