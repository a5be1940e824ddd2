package io.embryostream.benchmarks;

import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.schemas.FrameEvent;
import java.time.Instant;
import java.util.Map;

/** Publishes a rendered cohort to the frames topic and waits for every acknowledgement. */
final class FrameLoader {

    private FrameLoader() {
    }

    /**
     * Returns the seconds it took.
     *
     * @param compression the producer's {@code compression.type}, or empty for {@link KafkaFrameSink}'s default
     * @param perPlane    one record per plane (a device) instead of one per time point (the ingest)
     */
    static double load(String bootstrap, RenderedCohort cohort, String compression, boolean perPlane) {
        long t0 = System.nanoTime();
        Map<String, String> config = compression.isEmpty() ? Map.of("bootstrap.servers", bootstrap)
                : Map.of("bootstrap.servers", bootstrap, "compression.type", compression);
        try (KafkaFrameSink sink = new KafkaFrameSink(config)) {
            for (FrameEvent f : cohort.records(perPlane)) {
                f.setIngestTime(Instant.now());
                sink.frame(f);
            }
            sink.flush();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
