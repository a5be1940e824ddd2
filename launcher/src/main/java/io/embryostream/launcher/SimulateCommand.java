package io.embryostream.launcher;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.ingest.publish.DryRunFrameSink;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.simulate.IncubatorLayout;
import io.embryostream.synthetic.simulate.IncubatorProgressLine;
import io.embryostream.synthetic.simulate.IncubatorStats;
import io.embryostream.synthetic.simulate.OfferedLoad;
import io.embryostream.synthetic.simulate.RenderCapacity;
import io.embryostream.synthetic.simulate.SyntheticIncubator;
import io.embryostream.synthetic.embryo.PhasesFileException;
import io.embryostream.synthetic.embryo.TimelineSampler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Stream a synthetic incubator (N incubators x slides x wells) to Kafka in accelerated time. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Stream synthetic incubators (incubators x slides x wells, one embryo per well) to Kafka in"
                + " accelerated time: FrameEvents in the chosen focal planes and EmbryoLifecycle STARTED/ENDED.",
                "Prints the offered load, measures what this machine renders and refuses a speed it cannot keep.",
                "Stops when every embryo has ended, after --duration, or on Ctrl-C."})
final class SimulateCommand implements Callable<Integer> {


    @Mixin
    KafkaOptions kafka;

    @Mixin
    TimelineOptions timelines;

    @Option(names = "--incubators", defaultValue = "1", description = "Incubators (default ${DEFAULT-VALUE}).")
    int incubators;

    @Option(names = "--slides", defaultValue = "2", description = "Slides per incubator (default ${DEFAULT-VALUE}).")
    int slides;

    @Option(names = "--wells", defaultValue = "8", description = "Wells per slide, one embryo each (default ${DEFAULT-VALUE}).")
    int wells;

    // the default models read these three planes; a single plane leaves the classifier substituting the others
    @Option(names = "--planes", defaultValue = "-15,0,15", split = ",", paramLabel = "OFFSET",
            description = "Focal planes to publish, e.g. 0 or -15,0,15 (default ${DEFAULT-VALUE}, the planes the"
                    + " default models read).")
    List<Integer> planes;

    @Option(names = "--interval-minutes", defaultValue = "10", description = "Culture minutes between frames (default ${DEFAULT-VALUE}).")
    double intervalMinutes;

    @Option(names = "--hours", defaultValue = "140", description = "Culture length in hours (default ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--speed", defaultValue = "600", description = "Culture time per wall time: 600 = ten culture hours per"
            + " wall minute (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "1", description = "Fixes every embryo, frame and label (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Render threads (default: the machine's cores).")
    Integer threads;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (e.g. 60s, 10m); default: when every embryo has ended.")
    Duration duration;

    @Option(names = "--dry-run", description = "Render and encode everything, publish nothing.")
    boolean dryRun;

    @Option(names = "--bad-records", defaultValue = "0", paramLabel = "N",
            description = "Also publish N malformed frames (corrupt PNG, wrong size, unknown plane, in turn) under ids"
                    + " of their own, to show the classifier's dead-letter path (default ${DEFAULT-VALUE}).")
    int badRecords;

    @Option(names = "--calibration", defaultValue = "1500ms", paramLabel = "DURATION",
            description = "How long to measure this machine's render rate before starting (default ${DEFAULT-VALUE}).")
    Duration calibration;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Map<String, String> overrides = kafka.overrides();
        Settings settings = Settings.resolve(Map.of("clinic.secret", IncubatorConfig.SYNTHETIC_SECRET), kafka.configFile,
                System.getenv(), overrides);
        out.println("embryo-stream simulate, settings:\n" + settings.describe());
        IncubatorConfig config;
        try {
            config = new IncubatorConfig(new IncubatorLayout(incubators, slides, wells),
                    new CultureSchedule(intervalMinutes, hours), speed, planes, seed, TimelineRates.of(timelines),
                    timelines.realTimelines, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    badRecords, new EmbryoIds(settings.get("clinic.secret")));
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("Cannot simulate: " + e.getMessage());
            return 2;
        }
        OfferedLoad load = config.offeredLoad();
        out.println("Offered load: " + load.describe());
        out.printf("Each embryo: %d time points over %s culture hours; stalled-stream checks see a frame every %.4f wall"
                + " minutes.%n", config.schedule().timePoints(), hours, load.wallIntervalMinutes());

        try (FrameSink sink = dryRun ? new DryRunFrameSink() : kafkaSink(settings);
             SyntheticIncubator incubator = new SyntheticIncubator(config)) {
            RenderCapacity capacity = incubator.calibrate(calibration);
            out.printf("This machine renders and encodes %.0f frames/s with %d threads (%s).%n",
                    capacity.framesPerSecond(), capacity.threads(), capacity.how());
            Optional<String> refusal = load.refusal(capacity);
            if (refusal.isPresent()) {
                System.err.println("Refusing to start: " + refusal.get());
                return 2;
            }
            return run(incubator, sink, out);
        } catch (ConfigException | PhasesFileException e) {
            System.err.println("Cannot simulate: " + e.getMessage());
            return 2;
        }
    }

    private FrameSink kafkaSink(Settings settings) {
        Map<String, String> client = settings.withPrefix("kafka.");
        if (!client.containsKey("bootstrap.servers")) {
            throw new ConfigException("simulate publishes to Kafka: give --bootstrap-servers (or EMBRYO_KAFKA_BOOTSTRAP_SERVERS),"
                    + " or --dry-run to render without publishing");
        }
        return new KafkaFrameSink(client);
    }

    private Integer run(SyntheticIncubator incubator, FrameSink sink, PrintStream out) throws InterruptedException {
        try (GracefulStop ctrlC = new GracefulStop("simulate")) {
            boolean terminal = System.console() != null;
            Duration every = terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
            IncubatorProgressLine progress = new IncubatorProgressLine();
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            incubator.start(sink);
            out.println(dryRun ? "Dry run: rendering, publishing nothing." : "Publishing; Ctrl-C stops.");
            while (!incubator.awaitFinished(Duration.ofNanos(Math.min(every.toNanos(), Math.max(0, deadline - System.nanoTime()))))
                    && System.nanoTime() < deadline && !ctrlC.stopRequested()) {
                String line = progress.line(incubator.stats());
                System.err.print(terminal ? "\r" + line : line + "\n");
            }
            incubator.stop();
            IncubatorStats stats = incubator.stats();
            System.err.println((terminal ? "\r" : "") + progress.line(stats));
            out.printf("Simulation %s after %.1f s: %d embryos ended of %d, %d time points, %d frames%s.%n",
                    stats.embryosEnded() == stats.embryos() ? "finished" : "stopped", stats.elapsedSeconds(),
                    stats.embryosEnded(), stats.embryos(), stats.timePoints(), stats.frames(),
                    dryRun ? " rendered (dry run)" : " published");
            if (incubator.failure().isPresent()) {
                System.err.println("Simulation failed: " + incubator.failure().get().getMessage());
                return 1;
            }
            return 0;
        } finally {
            out.flush();
        }
    }
}
