package io.embryostream.launcher;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.ingest.publish.TransactionalFrameSink;
import io.embryostream.topics.Topics;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.publish.DryRunFrameSink;
import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.source.IngestReport;
import io.embryostream.ingest.source.WatchedFolderIngest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Publishes a clinic export folder (MIRI, EmbryoScope, Gomez layout) or a watched incubator folder
 * as FrameEvents. Exit codes: 0 everything published, 1 something was skipped (listed in the
 * summary), 2 the command could not run (usage, settings, no export found).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publish frames from clinic exports (MIRI, EmbryoScope, Gomez layout: one export folder, a folder of exports at any depth, or several) or a watched incubator folder as FrameEvents.",
                "Needs the clinic secret (setting clinic.secret, env EMBRYO_CLINIC_SECRET). Exit 0: all published;"
                        + " 1: something skipped (see the summary); 2: could not run."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "EXPORT_DIR", arity = "1..*",
                description = "The folder a clinic export was copied to, or a folder of exports (any depth, any mix of MIRI,"
                        + " EmbryoScope and Gomez), or several such folders: each export is reported on its own line.")
        List<Path> exports;

        @Option(names = "--watch", paramLabel = "DIR",
                description = "Watch DIR where an incubator writes <slide>/<well>/<frame>_F<plane>.png|jpeg (see docs/ingest.md); runs until Ctrl-C or --duration.")
        Path watch;
    }

    @Option(names = "--format", paramLabel = "KIND", description = "MIRI, EMBRYOSCOPE or GOMEZ; detected from the folder when absent.")
    ExportKind format;

    @Option(names = "--frame-interval-minutes", paramLabel = "MIN",
            description = "Minutes between frames: required for EmbryoScope exports (they do not record it); for Gomez embryos without a time file.")
    Double frameIntervalMinutes;

    @Option(names = "--dry-run", description = "Read, preprocess and encode everything, publish nothing.")
    boolean dryRun;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where progress is kept (default: ./ingest-<hash of the export or watched folder's path>.checkpoint).")
    Path checkpoint;

    @Option(names = "--restart", description = "Ignore the checkpoint and publish the whole export (or the watched folder's frames) again (same frame ids).")
    boolean restart;

    @Option(names = "--threads", paramLabel = "N",
            description = "Embryos read, preprocessed and published at once (default: the machine's cores); each embryo's frames stay in order.")
    Integer threads;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s", description = "--watch: how often the folder is scanned (default 1s).")
    Duration poll;

    @Option(names = "--duration", paramLabel = "DURATION", description = "--watch: stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = kafka.overrides();
        Settings settings = Settings.resolve(IngestSettings.defaults(), kafka.configFile, System.getenv(), overrides);
        System.out.println("embryo-stream ingest, settings:\n" + settings.describe());
        EmbryoIds ids;
        try {
            ids = new EmbryoIds(settings.get("clinic.secret"));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("ingest: " + e.getMessage());
            return 2;
        }
        if (!dryRun && !settings.has("kafka.bootstrap.servers")) {
            System.err.println("ingest: no Kafka brokers: pass --bootstrap-servers (or setting kafka.bootstrap.servers), or --dry-run to validate only");
            return 2;
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            awaitQuietly(finished);
        }, "ingest-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean exactlyOnce = !dryRun && source.watch == null && settings.getBoolean("ingest.exactly.once");
        String scope = checkpointFile(source.watch != null ? List.of(source.watch) : source.exports).getFileName().toString()
                .replaceFirst("\\.checkpoint$", "");
        try (FrameSink sink = dryRun ? new DryRunFrameSink() : exactlyOnce
                ? new TransactionalFrameSink(kafkaConfig(settings), "embryo-ingest-" + scope, workers() + 1, Clock.systemUTC())
                : new KafkaFrameSink(kafkaConfig(settings))) {
            FramePublisher publisher = new FramePublisher(sink, ids, Clock.systemUTC());
            IngestReport report = source.watch != null
                    ? watch(publisher, stop, Integer.parseInt(settings.get("metrics.port")))
                    : export(publisher, stop, sink instanceof TransactionalFrameSink t
                            ? kafkaCheckpoint(t, scope) : checkpointFor(source.exports));
            System.out.print(report.summary());
            if (sink instanceof DryRunFrameSink dry) {
                System.out.printf("Dry run: %d frames and %d lifecycle events validated (%d bytes encoded), nothing published.%n",
                        dry.frames(), dry.lifecycleEvents(), dry.bytes());
            }
            return report.skippedAnything() ? 1 : 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("ingest: " + e.getMessage());
            return 2;
        } finally {
            finished.countDown();
            removeQuietly(hook);
        }
    }

    private IngestReport export(FramePublisher publisher, AtomicBoolean stop, IngestCheckpoint checkpoint)
            throws IOException {
        ExportIngest ingest = new ExportIngest(publisher, checkpoint,
                total -> ProgressLine.onStderr("ingest", total), stop::get);
        return ingest.run(source.exports, new ExportIngest.Options(Optional.ofNullable(format),
                frameIntervalMinutes == null ? OptionalDouble.empty() : OptionalDouble.of(frameIntervalMinutes), 50,
                workers()));
    }

    /** Runs the watch as a service: /metrics and /health on {@code metricsPort} while it runs. */
    private IngestReport watch(FramePublisher publisher, AtomicBoolean stop, int metricsPort)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(source.watch)) {
            throw new IOException(source.watch + " is not a folder; pass the folder the incubator writes into");
        }
        long until = duration == null ? Long.MAX_VALUE : System.currentTimeMillis() + duration.toMillis();
        // a scan that has not finished for this long means the ingest is stuck (a hung mount, Kafka unreachable)
        Duration stalledAfter = Duration.ofSeconds(Math.max(60, 10 * poll.toSeconds()));
        try (WatchedFolderIngest watch = new WatchedFolderIngest(source.watch, publisher, Clock.systemUTC(),
                Duration.ofSeconds(30), checkpointFor(List.of(source.watch)));
             WatchEndpoint endpoint = new WatchEndpoint(metricsPort, watch, Clock.systemUTC(), stalledAfter)) {
            System.out.println("Watching " + source.watch + "; metrics at http://localhost:" + endpoint.port()
                    + "/metrics, health at /health");
            return watch.run(poll, () -> stop.get() || System.currentTimeMillis() > until, ProgressLine.onStderr("watch", 0));
        }
    }

    /** The checkpoint {@code --checkpoint} names, or the default for {@code sources}; emptied by {@code --restart}. */
    private IngestCheckpoint checkpointFor(List<Path> sources) throws IOException {
        Path file = checkpointFile(sources);
        if (restart) {
            Files.deleteIfExists(file);
        }
        System.err.println("Checkpoint: " + file);
        return IngestCheckpoint.open(file);
    }

    private int workers() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    private Path checkpointFile(List<Path> sources) {
        return checkpoint != null ? checkpoint : defaultCheckpoint(sources);
    }

    /** Exactly once: the progress committed with the frames, in Kafka, under the checkpoint's name; {@code --restart} ignores it. */
    private IngestCheckpoint kafkaCheckpoint(TransactionalFrameSink sink, String scope) {
        System.err.println("Checkpoint: " + Topics.INGEST_PROGRESS.name() + " (" + scope + "), committed with the frames");
        // a killed run's transaction this run does not fence ends at the broker's transaction timeout (60 s by default)
        return IngestCheckpoint.inKafka(sink, scope, restart, Duration.ofMinutes(3));
    }

    /** The client settings ({@code kafka.*}: brokers, TLS, SASL), then {@code kafka.producer.*} for the producer. */
    private static Map<String, String> kafkaConfig(Settings settings) {
        Map<String, String> config = new HashMap<>();
        settings.withPrefix("kafka.").forEach((k, v) -> {
            if (!k.startsWith("producer.")) {
                config.put(k, v);
            }
        });
        config.putAll(settings.withPrefix("kafka.producer."));
        return config;
    }

    /**
     * One checkpoint per export folder (or set of folders, in any order), named by a hash of their
     * paths so no patient name lands in it.
     */
    static Path defaultCheckpoint(List<Path> exports) {
        String paths = exports.stream().map(p -> p.toAbsolutePath().normalize().toString()).sorted()
                .collect(Collectors.joining("\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(paths.getBytes(StandardCharsets.UTF_8));
            return Path.of("ingest-" + HexFormat.of().formatHex(digest, 0, 6) + ".checkpoint");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting; the hook is already running
        }
    }
}
