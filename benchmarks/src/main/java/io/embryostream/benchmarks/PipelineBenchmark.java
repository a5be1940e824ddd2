package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.topics.TopicCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmarks 1 and 2 of docs/BENCHMARKS.md, side by side in one run: the classifier pipeline (Kafka
 * in → committed StageEvents out, exactly_once_v2, default configuration) against <b>the model alone</b>
 * (ONNX Runtime encoder + temporal step on pre-decoded pixels, the pipeline's parallelism, each
 * embryo's state carried; the better of batch 1 and the default batch) — the limit — and, so the change
 * of definition stays visible, against the old baseline that included PNG decoding; and the pipeline
 * with one inference call per time point ({@code inference.batch.max=1}) against the default batching,
 * next to the raw ONNX Runtime ratio of batch 1 to batch 256. Frames are rendered and published through
 * the ingest's default producer path (the events as the ingest builds them, {@code KafkaFrameSink}'s
 * producer settings) before any timing starts; the raw figures run before and after the pipeline runs,
 * because the machine is shared.
 * An untimed pipeline run warms the JIT and the broker first; then each configuration runs
 * {@code rounds} times in alternating order (the first run of a JVM was up to 2× slower, which
 * favoured whichever configuration ran second) and its figure is the mean.
 *
 * <p>{@code variant=key=value[,key=value…]} adds two pipeline runs with those settings changed (e.g.
 * {@code variant=kafka.poll.ms=5}), batched and with one call per time point, to measure a proposed change
 * of the classifier's defaults.
 *
 * <p>{@code frameCompression=lz4|zstd|none} publishes the frames with another producer compression than the
 * ingest's default; {@code frameRecords=plane} publishes one record per plane, as a device does, instead of
 * the ingest's one record per time point.
 *
 * <p>Usage: {@code PipelineBenchmark [model=DIR] [embryos=200] [timePoints=20] [rawSeconds=10] [rounds=2] [variant=…]
 * [frameCompression=…] [frameRecords=timePoint|plane]}
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] argv) {
        BenchmarkArgs args = new BenchmarkArgs(argv);
        int embryos = args.getInt("embryos", 200);
        int timePoints = args.getInt("timePoints", 20);
        Duration rawTime = Duration.ofSeconds(args.getInt("rawSeconds", 10));
        int rounds = args.getInt("rounds", 2);
        BenchmarkModel model = BenchmarkModel.from(args);
        Map<String, String> defaults = ClassifierConfig.defaults();
        int batchMax = Integer.parseInt(defaults.get("inference.batch.max"));
        int threads = Integer.parseInt(defaults.get("inference.threads"));
        int streamThreads = Integer.parseInt(defaults.get("classifier.stream.threads"));
        print("machine: %s", MachineLoad.now().describe());
        print("model: %s", model.describe());
        print("classifier defaults: inference.batch.max=%d, inference.batch.max.delay.ms=%s, inference.threads=%d,"
                        + " classifier.stream.threads=%d, commit.interval.ms=%s", batchMax,
                defaults.get("inference.batch.max.delay.ms"), threads, streamThreads,
                defaults.get("classifier.commit.interval.ms"));

        RenderedCohort cohort = RenderedCohort.render(model.metadata().planes(), embryos, timePoints, threads);
        List<byte[][]> pngs = cohort.pngs();
        print("frames: %d embryos x %d time points = %d time points, %d frames published as %s (%.1f KB each;"
                        + " as PNG %.1f KB), rendered in %.1f s", embryos, timePoints, cohort.timePointCount(),
                cohort.frameCount(), cohort.imageEncoding(), cohort.meanImageBytes() / 1024,
                pngs.stream().flatMap(java.util.Arrays::stream).mapToInt(b -> b.length).average().orElse(0) / 1024,
                cohort.renderSeconds());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            String compression = args.get("frameCompression", "");
            boolean perPlane = args.get("frameRecords", "timePoint").equals("plane");
            double loadSeconds = FrameLoader.load(broker.bootstrapServers(), cohort, compression, perPlane);
            print("loaded into the frames topic in %.1f s (producer compression %s; %s), before timing", loadSeconds,
                    compression.isEmpty() ? "KafkaFrameSink's default" : compression,
                    perPlane ? "frameRecords=plane: one record per plane, as a device publishes"
                            : "one record per time point, as the ingest publishes");

            Baselines before = Baselines.measure(model, streamThreads, threads, batchMax, pngs, embryos, rawTime, "before");
            Duration timeout = Duration.ofMinutes(5);
            Map<String, Map<String, String>> configs = new java.util.LinkedHashMap<>();
            configs.put("default", Map.of());
            configs.put("batch1", Map.of("inference.batch.max", "1"));
            Map<String, String> variant = args.settingsChanges("variant");
            if (!variant.isEmpty()) {
                Map<String, String> variantSingle = new java.util.LinkedHashMap<>(variant);
                variantSingle.put("inference.batch.max", "1");
                configs.put("variant", variant);
                configs.put("variant-batch1", variantSingle);
            }
            PipelineRun.Result warm = PipelineRun.run(broker.bootstrapServers(), model.directory(), "warm-up",
                    Map.of(), cohort.timePointCount(), timeout);
            print("warm-up pipeline run (not counted): %.0f time points/s", warm.timePointsPerSecond());
            Map<String, List<PipelineRun.Result>> runs = new java.util.LinkedHashMap<>();
            List<String> order = new java.util.ArrayList<>(configs.keySet());
            for (int r = 0; r < rounds; r++) {
                for (String name : order) {
                    PipelineRun.Result result = PipelineRun.run(broker.bootstrapServers(), model.directory(), name,
                            configs.get(name), cohort.timePointCount(), timeout);
                    printRun(result);
                    runs.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(result);
                }
                java.util.Collections.reverse(order);
            }
            double batched = mean(runs.get("default"));
            double single = mean(runs.get("batch1"));
            print("[1,2] pipeline default config, mean of %d: %.0f time points/s; [2] inference.batch.max=1: %.0f",
                    rounds, batched, single);
            if (!variant.isEmpty()) {
                double changed = mean(runs.get("variant"));
                double changedSingle = mean(runs.get("variant-batch1"));
                print("[variant] %s / default config: %.0f / %.0f = %.2fx; batched / one call per time point with"
                                + " the variant: %.0f / %.0f = %.2fx", variant, changed, batched, changed / batched,
                        changed, changedSingle, changed / changedSingle);
            }
            Baselines after = Baselines.measure(model, streamThreads, threads, batchMax, pngs, embryos, rawTime, "after");
            double limitBatched = (before.modelBatched() + after.modelBatched()) / 2;
            double limitSingle = (before.modelSingle() + after.modelSingle()) / 2;
            double limit = Math.max(limitBatched, limitSingle);
            double old = (before.withPngDecode() + after.withPngDecode()) / 2;
            print("[1] the limit, the model alone on pre-decoded pixels: batch %d %.0f, batch 1 %.0f time points/s;"
                    + " the better: %.0f", batchMax, limitBatched, limitSingle, limit);
            print("[1] pipeline / model alone: %.0f / %.0f = %.0f%% (goal >= 40%%, next 80%%)", batched, limit,
                    100 * batched / limit);
            print("[1] (old definition) pipeline / PNG decode + model, batch %d: %.0f / %.0f = %.0f%%", batchMax, batched,
                    old, 100 * batched / old);
            print("[2] pipeline batched / one call per time point: %.0f / %.0f = %.2fx (goal >= 0.9x on CPU)", batched,
                    single, batched / single);
        }

        RawInference.Throughput one = RawInference.measureParallel(model.metadata(), streamThreads, threads, 1, pngs,
                embryos, false, rawTime);
        RawInference.Throughput big = RawInference.measureParallel(model.metadata(), streamThreads, threads, 256, pngs,
                embryos, false, rawTime);
        print("[2] raw ONNX Runtime (frames decoded beforehand), encoder + LSTM step, %d worker(s) x %d thread(s):"
                + " batch 1 %.0f, batch 256 %.0f time points/s = %.2fx", streamThreads, threads, one.perSecond(),
                big.perSecond(),
                big.perSecond() / one.perSecond());
        print("machine after: %s", MachineLoad.now().describe());
    }

    /** The raw figures measured before and after the pipeline runs: the model alone, and with PNG decoding. */
    private record Baselines(double modelBatched, double modelSingle, double withPngDecode) {

        static Baselines measure(BenchmarkModel model, int workers, int threads, int batchMax, List<byte[][]> pngs,
                                 int embryos, Duration rawTime, String when) {
            double batched = RawInference.measureParallel(model.metadata(), workers, threads, batchMax, pngs, embryos,
                    false, rawTime).perSecond();
            double single = RawInference.measureParallel(model.metadata(), workers, threads, 1, pngs, embryos, false,
                    rawTime).perSecond();
            double decoding = RawInference.measureParallel(model.metadata(), workers, threads, batchMax, pngs, embryos,
                    true, rawTime).perSecond();
            print("[1] raw ONNX Runtime, %d worker(s) x %d thread(s) (%s): model alone on pre-decoded pixels batch %d %.0f,"
                            + " batch 1 %.0f; PNG decode + model batch %d %.0f time points/s", workers, threads, when,
                    batchMax, batched, single, batchMax, decoding);
            return new Baselines(batched, single, decoding);
        }
    }

    private static double mean(List<PipelineRun.Result> results) {
        return results.stream().mapToDouble(PipelineRun.Result::timePointsPerSecond).average().orElseThrow();
    }

    private static void printRun(PipelineRun.Result r) {
        print("  %s run: pipeline %s: %d stage events in %.1f s (first to last, read_committed) = %.0f time points/s,"
                        + " mean batch %.1f; stream threads' time (all threads, whole run): %s", r.name(), r.changes().isEmpty()
                        ? "default config" : r.changes().toString(), r.stageEvents(), r.seconds(),
                r.timePointsPerSecond(), r.meanBatch(), r.threadTime());
    }

    static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
