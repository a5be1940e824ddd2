package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.schemas.StageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One classifier run (ClassifierApp: Kafka Streams, exactly_once_v2) over frames already in the
 * frames topic, timed from the first to the last committed StageEvent by their emit times (the
 * classifier's own clock, so the reader's polling delay does not count).
 */
final class PipelineRun {

    /** What one run achieved. */
    record Result(String name, Map<String, String> changes, long stageEvents, double seconds, double meanBatch) {
        double timePointsPerSecond() {
            return (stageEvents - 1) / seconds;
        }
    }

    private PipelineRun() {
    }

    /**
     * Starts a classifier with the default configuration plus {@code changes}, reads {@code expected}
     * stage events (or gives up after {@code timeout}) and stops it.
     */
    static Result run(String bootstrap, Path modelDir, String name, Map<String, String> changes, long expected,
                      Duration timeout) {
        Map<String, String> settings = ClassifierSettings.forRun(bootstrap, modelDir, name, changes);
        long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] batchSum = {0};
        long read;
        try (StageEventReader reader = new StageEventReader(bootstrap);
             ClassifierApp app = ClassifierApp.start(ClassifierSettings.config(settings))) {
            read = reader.read(expected, timeout, (StageEvent e) -> {
                long t = e.getEmitTime().toEpochMilli();
                firstLast[0] = Math.min(firstLast[0], t);
                firstLast[1] = Math.max(firstLast[1], t);
                batchSum[0] += e.getLatency().getBatchSize();
            });
        }
        if (read < expected) {
            throw new IllegalStateException("run " + name + ": only " + read + " of " + expected + " stage events within "
                    + timeout + "; the classifier is slower than assumed or failed (see its log above)");
        }
        return new Result(name, changes, read, (firstLast[1] - firstLast[0]) / 1000.0, (double) batchSum[0] / read);
    }
}
