package io.embryostream.ingest.publish;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;

/**
 * Where ingested frames go: Kafka, a training set, or nowhere when validating with
 * {@code --dry-run}. The export ingest calls it from several workers at once (each embryo's events
 * from one thread, in order), so implementations are thread-safe.
 */
public interface FrameSink extends AutoCloseable {

    void frame(FrameEvent frame);

    void lifecycle(EmbryoLifecycle event);

    /** Blocks until everything sent so far is acknowledged; throws the first send failure. */
    void flush();

    @Override
    void close();
}
