package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.schemas.StageEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * One classifier run (ClassifierApp: Kafka Streams, exactly_once_v2) over frames already in the
 * frames topic, timed from the first to the last committed StageEvent by their emit times (the
 * classifier's own clock, so the reader's polling delay does not count).
 */
final class PipelineRun {

    /** What one run achieved. */
    /**
     * @param threadTime where the stream threads' time went over the whole run, from Kafka Streams' own
     *                   thread metrics (total × average latency of poll, process, punctuate, commit)
     */
    record Result(String name, Map<String, String> changes, long stageEvents, double seconds, double meanBatch,
                  String threadTime) {
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
        String threadTime;
        try (StageEventReader reader = new StageEventReader(bootstrap);
             ClassifierApp app = ClassifierApp.start(ClassifierSettings.config(settings))) {
            read = reader.read(expected, timeout, (StageEvent e) -> {
                long t = e.getEmitTime().toEpochMilli();
                firstLast[0] = Math.min(firstLast[0], t);
                firstLast[1] = Math.max(firstLast[1], t);
                batchSum[0] += e.getLatency().getBatchSize();
            });
            threadTime = threadTime(app.streams().metrics());
        }
        if (read < expected) {
            throw new IllegalStateException("run " + name + ": only " + read + " of " + expected + " stage events within "
                    + timeout + "; the classifier is slower than assumed or failed (see its log above)");
        }
        return new Result(name, changes, read, (firstLast[1] - firstLast[0]) / 1000.0, (double) batchSum[0] / read,
                threadTime);
    }

    /** Seconds the stream threads spent in each phase of their loop, summed over threads, since they started. */
    private static String threadTime(Map<MetricName, ? extends Metric> metrics) {
        StringBuilder out = new StringBuilder();
        for (String phase : new String[] {"poll", "process", "punctuate", "commit"}) {
            double seconds = 0;
            for (Map.Entry<MetricName, ? extends Metric> total : metrics.entrySet()) {
                MetricName n = total.getKey();
                if (!n.group().equals("stream-thread-metrics") || !n.name().equals(phase + "-total")) {
                    continue;
                }
                Metric latency = metrics.entrySet().stream().filter(m -> m.getKey().group().equals(n.group())
                                && m.getKey().name().equals(phase + "-latency-avg") && m.getKey().tags().equals(n.tags()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                double count = ((Number) total.getValue().metricValue()).doubleValue();
                double avgMs = latency == null ? Double.NaN : ((Number) latency.metricValue()).doubleValue();
                if (Double.isFinite(avgMs)) {
                    seconds += count * avgMs / 1000;
                }
            }
            out.append(out.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.1f s", phase, seconds));
        }
        return out.toString();
    }
}
