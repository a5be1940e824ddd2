package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.IncubatorLayout;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.topics.TopicCatalog;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmarks 4 and 5 of docs/BENCHMARKS.md: frame → StageEvent latency at the offered load of the
 * issue (100 incubators × 240 embryos, one frame per 10 culture minutes, 10× real time: one time
 * point per embryo per wall minute, 400 time points/s), and the classifier's memory with those
 * 24,000 embryos live. The classifier (default configuration) runs in a JVM of its own; this JVM
 * holds the broker, the scheduled publisher and the committed-event reader. Latency is the
 * classifier's own {@code StageEvent.latency.ingestToEmitMillis} (ingest stamp → emit), reported
 * with the time to the event's visibility to a {@code read_committed} reader beside it.
 *
 * <p>Usage: {@code LatencyBenchmark [model=DIR] [incubators=100] [embryosPerIncubator=240]
 * [intervalSeconds=60] [seconds=150] [warmupSeconds=30] [drainSeconds=120] [heap=1g] [variant=setting=value,…]}
 * — {@code variant} changes classifier settings from their defaults (printed with the figures).
 */
public final class LatencyBenchmark {

    private LatencyBenchmark() {
    }

    public static void main(String[] argv) throws InterruptedException {
        BenchmarkArgs args = new BenchmarkArgs(argv);
        BenchmarkModel model = BenchmarkModel.from(args);
        int incubators = args.getInt("incubators", 100);
        int perIncubator = args.getInt("embryosPerIncubator", 240);
        Duration interval = Duration.ofSeconds(args.getInt("intervalSeconds", 60));
        Duration duration = Duration.ofSeconds(args.getInt("seconds", 150));
        long warmupMillis = args.getInt("warmupSeconds", 30) * 1000L;
        Duration drain = Duration.ofSeconds(args.getInt("drainSeconds", 120));
        String heap = args.get("heap", "1g");
        Map<String, String> changes = args.settingsChanges("variant");
        Map<String, String> defaults = ClassifierConfig.defaults();
        int threads = Integer.parseInt(defaults.get("inference.threads"));

        PipelineBenchmark.print("machine: %s", MachineLoad.now().describe());
        PipelineBenchmark.print("model: %s", model.describe());
        RenderedCohort pool = RenderedCohort.render(model.metadata().planes(), 16, 25, threads);
        // 15 slides x 16 wells = 240 embryos per incubator (an EmbryoScope's capacity)
        IncubatorLayout layout = new IncubatorLayout(incubators, 15, Math.max(1, perIncubator / 15));
        ScheduledLoad load = new ScheduledLoad(layout, pool, interval, new CultureSchedule(10, 140));
        PipelineBenchmark.print("offered load: %d embryos, one time point each per %d s wall (10 culture min at %.0fx)"
                        + " = %.0f time points/s for %d s; pixels cycle through %d pre-rendered time points",
                load.embryos(), interval.toSeconds(), 600.0 / interval.toSeconds(), load.timePointsPerSecond(),
                duration.toSeconds(), pool.timePointCount());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            String bootstrap = broker.bootstrapServers();
            Map<String, String> settings = ClassifierSettings.forRun(bootstrap, model.directory(), "latency", changes);
            List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx" + heap));
            // e.g. classifierJvm="-Xlog:jfr+startup=off -XX:StartFlightRecording=filename=/tmp/classifier.jfr"
            String extra = args.get("classifierJvm", "");
            if (!extra.isBlank()) {
                jvm.addAll(List.of(extra.trim().split("\\s+")));
            }
            PipelineBenchmark.print("classifier JVM: %s, classifier configuration: defaults%s", jvm,
                    changes.isEmpty() ? "" : " with " + changes);
            LatencySamples samples = new LatencySamples();
            try (ClassifierChild classifier = new ClassifierChild(settings, jvm);
                 StageEventReader reader = new StageEventReader(bootstrap);
                 KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap))) {
                classifier.awaitReady();
                long start = System.currentTimeMillis();
                AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
                long readDeadline = start + duration.plus(drain).toMillis();
                Thread readerThread = new Thread(() -> {
                    while (samples.total() < expected.get() && System.currentTimeMillis() < readDeadline) {
                        reader.read(Long.MAX_VALUE, Duration.ofMillis(500), e -> {
                            long ingest = e.getEmitTime().toEpochMilli() - e.getLatency().getIngestToEmitMillis();
                            samples.add(ingest - start, warmupMillis, e.getLatency().getIngestToEmitMillis(),
                                    System.currentTimeMillis() - ingest);
                        });
                    }
                }, "stage-event-reader");
                readerThread.start();
                ScheduledLoad.Sent sent = load.run(sink, duration);
                expected.set(sent.timePoints());
                PipelineBenchmark.print("sent %d time points in %.1f s = %.0f/s (sender at most %.0f ms behind schedule)",
                        sent.timePoints(), sent.seconds(), sent.timePoints() / sent.seconds(), sent.maxLagMillis());
                readerThread.join();
                PipelineBenchmark.print("machine: %s", MachineLoad.now().describe());
                report(samples, sent.timePoints(), warmupMillis);
                classifier.memory().ifPresentOrElse(m -> reportMemory(m, settings, load.embryos()),
                        () -> PipelineBenchmark.print("[5] the classifier JVM exited before the memory figures"
                                + " (its log above says why, e.g. OutOfMemoryError)"));
            }
        }
    }

    private static void report(LatencySamples s, long sent, long warmupMillis) {
        Percentiles emit = Percentiles.of(s.emitLatencies());
        Percentiles visible = Percentiles.of(s.visibleLatencies());
        PipelineBenchmark.print("received %d of %d stage events; after the %d s warm-up %d", s.total(), sent,
                warmupMillis / 1000, emit.count());
        PipelineBenchmark.print("[4] ingest -> emit (StageEvent.latency): p50 %d ms, p99 %d ms, max %d ms"
                + " (target p99 < 250 ms)", emit.p50(), emit.p99(), emit.max());
        PipelineBenchmark.print("[4] ingest -> visible to a read_committed reader: p50 %d ms, p99 %d ms, max %d ms",
                visible.p50(), visible.p99(), visible.max());
        StringBuilder timeline = new StringBuilder();
        s.byWindow().forEach((from, latencies) -> {
            Percentiles p = Percentiles.of(latencies);
            timeline.append(String.format(Locale.ROOT, "%n    %3d-%3d s: %5d events, p50 %6d ms, p99 %6d ms, max %6d ms",
                    from / 1000, from / 1000 + 10, p.count(), p.p50(), p.p99(), p.max()));
        });
        PipelineBenchmark.print("[4] ingest -> emit by when the time point was ingested (warm-up included):%s", timeline);
    }

    private static void reportMemory(Map<String, Long> m, Map<String, String> settings, int embryos) {
        long cacheMb = Long.parseLong(ClassifierSettings.config(settings).settings().get("classifier.rocksdb.cache.mb"));
        PipelineBenchmark.print("[5] %d embryos published, all live (classifier's active-embryo gauge, refreshed"
                + " every 10 s: %d)", embryos, m.get("activeEmbryos"));
        PipelineBenchmark.print("[5] heap used after GC %.0f MiB of max %.0f MiB (target <= 1024 MiB); process RSS"
                + " %.0f MiB", mib(m.get("heapUsedAfterGc")), mib(m.get("heapMax")), mib(m.get("rss")));
        PipelineBenchmark.print("[5] RocksDB: shared block cache %.1f MiB used of %.1f MiB capacity"
                        + " (classifier.rocksdb.cache.mb=%d; memtables %.1f MiB charged to it, over %d store"
                        + " instances); table readers %.1f MiB", mib(m.get("rocksdbBlockCacheUsage")),
                mib(m.get("rocksdbBlockCacheCapacity")), cacheMb, mib(m.get("rocksdbMemtables")),
                m.get("rocksdbStores"), mib(m.get("rocksdbTableReaders")));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /**
     * Latencies of the events ingested after the warm-up, and every event's emit latency by when it was
     * ingested (for the timeline); only the reader thread adds.
     */
    private static final class LatencySamples {
        private long[] emit = new long[1 << 16];
        private long[] visible = new long[1 << 16];
        private int n;
        private final java.util.TreeMap<Long, java.util.List<Long>> windows = new java.util.TreeMap<>();
        private volatile long total;

        synchronized void add(long ingestOffsetMillis, long countFrom, long emitLatency, long visibleLatency) {
            total++;
            windows.computeIfAbsent(Math.max(0, ingestOffsetMillis) / 10_000 * 10_000, k -> new java.util.ArrayList<>())
                    .add(emitLatency);
            if (ingestOffsetMillis < countFrom) {
                return;
            }
            if (n == emit.length) {
                emit = Arrays.copyOf(emit, 2 * n);
                visible = Arrays.copyOf(visible, 2 * n);
            }
            emit[n] = emitLatency;
            visible[n++] = visibleLatency;
        }

        /** Emit latencies by 10-second window of ingest time from the start of the load. */
        synchronized java.util.Map<Long, long[]> byWindow() {
            java.util.Map<Long, long[]> out = new java.util.LinkedHashMap<>();
            windows.forEach((from, list) -> out.put(from, list.stream().mapToLong(Long::longValue).toArray()));
            return out;
        }

        long total() {
            return total;
        }

        synchronized long[] emitLatencies() {
            return Arrays.copyOf(emit, n);
        }

        synchronized long[] visibleLatencies() {
            return Arrays.copyOf(visible, n);
        }
    }
}
