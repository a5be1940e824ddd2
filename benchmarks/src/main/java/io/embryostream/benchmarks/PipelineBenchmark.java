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
 * in → committed StageEvents out, exactly_once_v2, default configuration) against raw batched ONNX
 * Runtime on the same frames with PNG decoding included, and the pipeline with one inference call
 * per time point ({@code inference.batch.max=1}) against the default batching, next to the raw ONNX
 * Runtime ratio of batch 1 to batch 256. Frames are rendered and loaded into the topic before any
 * timing starts; the raw baseline runs before and after the pipeline runs, because the machine is shared.
 *
 * <p>{@code variant=key=value[,key=value…]} adds two pipeline runs with those settings changed (e.g.
 * {@code variant=kafka.poll.ms=5}), batched and with one call per time point, to measure a proposed change
 * of the classifier's defaults.
 *
 * <p>Usage: {@code PipelineBenchmark [model=DIR] [embryos=200] [timePoints=20] [rawSeconds=10] [variant=…]}
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] argv) {
        BenchmarkArgs args = new BenchmarkArgs(argv);
        int embryos = args.getInt("embryos", 200);
        int timePoints = args.getInt("timePoints", 20);
        Duration rawTime = Duration.ofSeconds(args.getInt("rawSeconds", 10));
        BenchmarkModel model = BenchmarkModel.from(args);
        Map<String, String> defaults = ClassifierConfig.defaults();
        int batchMax = Integer.parseInt(defaults.get("inference.batch.max"));
        int threads = Integer.parseInt(defaults.get("inference.threads"));
        print("machine: %s", MachineLoad.now().describe());
        print("model: %s", model.describe());
        print("classifier defaults: inference.batch.max=%d, inference.batch.max.delay.ms=%s, inference.threads=%d,"
                        + " classifier.stream.threads=%s, commit.interval.ms=%s", batchMax,
                defaults.get("inference.batch.max.delay.ms"), threads, defaults.get("classifier.stream.threads"),
                defaults.get("classifier.commit.interval.ms"));

        RenderedCohort cohort = RenderedCohort.render(model.metadata().planes(), embryos, timePoints, threads);
        List<byte[][]> pngs = cohort.pngs();
        print("frames: %d embryos x %d time points = %d time points, %d frames (mean PNG %.1f KB), rendered in %.1f s",
                embryos, timePoints, cohort.timePointCount(), cohort.frameCount(), cohort.meanPngBytes() / 1024,
                cohort.renderSeconds());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            double loadSeconds = FrameLoader.load(broker.bootstrapServers(), cohort);
            print("loaded into the frames topic in %.1f s, before timing", loadSeconds);

            RawInference.Throughput before = RawInference.measure(model.metadata(), threads, batchMax, pngs, embryos,
                    true, rawTime);
            print("[1] raw ONNX Runtime, PNG decode + encoder + LSTM step, batch %d, %d threads (before): %.0f time"
                    + " points/s", batchMax, threads, before.perSecond());
            Duration timeout = Duration.ofMinutes(5);
            PipelineRun.Result batched = PipelineRun.run(broker.bootstrapServers(), model.directory(), "default",
                    Map.of(), cohort.timePointCount(), timeout);
            printRun(batched);
            PipelineRun.Result single = PipelineRun.run(broker.bootstrapServers(), model.directory(), "batch1",
                    Map.of("inference.batch.max", "1"), cohort.timePointCount(), timeout);
            printRun(single);
            Map<String, String> variant = args.settingsChanges("variant");
            if (!variant.isEmpty()) {
                PipelineRun.Result changed = PipelineRun.run(broker.bootstrapServers(), model.directory(), "variant",
                        variant, cohort.timePointCount(), timeout);
                printRun(changed);
                Map<String, String> variantSingle = new java.util.LinkedHashMap<>(variant);
                variantSingle.put("inference.batch.max", "1");
                PipelineRun.Result changedSingle = PipelineRun.run(broker.bootstrapServers(), model.directory(),
                        "variant", variantSingle, cohort.timePointCount(), timeout);
                printRun(changedSingle);
                print("[variant] %s / default config: %.0f / %.0f = %.2fx; batched / one call per time point with"
                                + " the variant: %.0f / %.0f = %.2fx", variant, changed.timePointsPerSecond(),
                        batched.timePointsPerSecond(), changed.timePointsPerSecond() / batched.timePointsPerSecond(),
                        changed.timePointsPerSecond(), changedSingle.timePointsPerSecond(),
                        changed.timePointsPerSecond() / changedSingle.timePointsPerSecond());
            }
            RawInference.Throughput after = RawInference.measure(model.metadata(), threads, batchMax, pngs, embryos,
                    true, rawTime);
            print("[1] raw ONNX Runtime, PNG decode + encoder + LSTM step, batch %d, %d threads (after): %.0f time"
                    + " points/s", batchMax, threads, after.perSecond());
            double baseline = (before.perSecond() + after.perSecond()) / 2;
            print("[1] pipeline / raw baseline: %.0f / %.0f = %.0f%% (target >= 80%%)", batched.timePointsPerSecond(),
                    baseline, 100 * batched.timePointsPerSecond() / baseline);
            print("[2] pipeline batched / one call per time point: %.0f / %.0f = %.2fx (target >= 1.3x)",
                    batched.timePointsPerSecond(), single.timePointsPerSecond(),
                    batched.timePointsPerSecond() / single.timePointsPerSecond());
        }

        RawInference.Throughput one = RawInference.measure(model.metadata(), threads, 1, pngs, embryos, false, rawTime);
        RawInference.Throughput big = RawInference.measure(model.metadata(), threads, 256, pngs, embryos, false, rawTime);
        print("[2] raw ONNX Runtime (frames decoded beforehand), encoder + LSTM step, %d threads: batch 1 %.0f, batch"
                + " 256 %.0f time points/s = %.2fx", threads, one.perSecond(), big.perSecond(),
                big.perSecond() / one.perSecond());
        print("machine after: %s", MachineLoad.now().describe());
    }

    private static void printRun(PipelineRun.Result r) {
        print("[%s] pipeline %s: %d stage events in %.1f s (first to last, read_committed) = %.0f time points/s,"
                        + " mean batch %.1f", switch (r.name()) {
                            case "default" -> "1,2";
                            case "batch1" -> "2";
                            default -> r.name();
                        }, r.changes().isEmpty()
                        ? "default config" : r.changes().toString(), r.stageEvents(), r.seconds(),
                r.timePointsPerSecond(), r.meanBatch());
    }

    static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
