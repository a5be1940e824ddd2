package io.embryostream.ingest.publish;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;

/** Where ingested frames go: Kafka, or nowhere when validating with {@code --dry-run}. */
public interface FrameSink extends AutoCloseable {

    void frame(FrameEvent frame);

    void lifecycle(EmbryoLifecycle event);

    /** Blocks until everything sent so far is acknowledged; throws the first send failure. */
    void flush();

    @Override
    void close();
}
