package io.embryostream.classifier.app;

import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.inference.ModelRuntime;
import io.embryostream.model.ModelFormatException;
import io.embryostream.model.ModelMetadata;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.classifier.topology.ClassifierTopology;
import io.embryostream.http.MetricsEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running classifier: Kafka Streams over {@link ClassifierTopology}, the model registry with
 * hot reload, and the metrics/health endpoint. {@link #close()} stops everything in order.
 */
public final class ClassifierApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClassifierApp.class);

    private final ModelRegistry models;
    private final PrometheusMeterRegistry registry;
    private final ClassifierMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final MetricsEndpoint server;
    private final ScheduledExecutorService reload;

    private ClassifierApp(ClassifierConfig config) {
        this.models = new ModelRegistry(config.modelDir(), config.inferenceOptions());
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        this.metrics = new ClassifierMetrics(registry);
        announceModel(config);
        Topology topology = ClassifierTopology.build(config.topologySettings(), models, metrics);
        log.info("Topology:\n{}", topology.describe());
        this.streams = new KafkaStreams(topology, config.streamsProperties());
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it (its tasks resume from the last commit)", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        this.server = new MetricsEndpoint(config.metricsPort(), registry::scrape, this::health);
        this.reload = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-reload");
            t.setDaemon(true); // never what keeps the JVM alive
            return t;
        });
        long every = config.modelRefresh().toMillis();
        reload.scheduleWithFixedDelay(this::refreshModels, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the classifier standalone (containers, separate-JVM tests): settings from the properties
     * file named by the first argument (optional) and {@code EMBRYO_*} variables; stops on SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        java.nio.file.Path file = args.length > 0 ? java.nio.file.Path.of(args[0]) : null;
        io.embryostream.config.Settings settings = io.embryostream.config.Settings.resolve(ClassifierConfig.defaults(),
                file, System.getenv(), java.util.Map.of());
        log.info("embryo-stream classifier, settings:\n{}", settings.describe());
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        ClassifierApp app;
        try {
            app = start(new ClassifierConfig(settings));
        } catch (RuntimeException e) {
            // exit rather than linger with no stream running, so the container or supervisor restarts it
            log.error("Classifier failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "classifier-shutdown"));
        stopped.await();
    }

    /**
     * Builds and starts the classifier. A store whose local files cannot be opened (a SIGKILL while
     * RocksDB was creating it leaves a write-ahead log without a manifest, and Kafka Streams then fails at
     * start instead of restoring it) costs the local state, not the start: the state directory of this
     * application is wiped and every store restored from its changelog, which under exactly-once holds
     * everything committed.
     */
    public static ClassifierApp start(ClassifierConfig config) {
        ClassifierApp app = new ClassifierApp(config);
        try {
            app.streams.start();
            return app;
        } catch (ProcessorStateException e) {
            log.warn("Local state cannot be opened ({}); wiping it and restoring every store from its changelog",
                    e.getMessage());
            app.close();
        }
        ClassifierApp fresh = new ClassifierApp(config);
        fresh.streams.cleanUp();
        fresh.streams.start();
        return fresh;
    }

    /**
     * Opens the newest model once at start, so a broken model fails here rather than on the first
     * frame, and the model-info gauge names the provider it really runs on (CPU after a CUDA fallback).
     */
    private void announceModel(ClassifierConfig config) {
        ModelMetadata m = models.newest();
        String head = config.head().isEmpty() ? m.defaultHead() : config.head();
        if (m.temporalHead(head).isEmpty()) {
            throw new ModelFormatException("model.head=" + head + " but model " + m.name() + " " + m.version()
                    + " has the heads " + m.temporalHeadKinds() + "; set model.head to one of them or leave it empty");
        }
        try (ModelRuntime probe = new ModelRuntime(m, config.inferenceOptions())) {
            metrics.modelLoaded(m.name(), m.version(), probe.provider());
            // at zero before any embryo can be counted: a series that first appears at 1 never shows an increase
            metrics.intervalMismatchRegistered(m.name(), m.version());
            log.info("Model {} {} ({}, {} classes, {} head for new embryos) runs on {}", m.name(), m.version(),
                    m.scheme(), m.classNames().size(), head, probe.provider());
        }
    }

    private void refreshModels() {
        try {
            if (models.refresh()) {
                metrics.intervalMismatchRegistered(models.newest().name(), models.newest().version());
            }
        } catch (RuntimeException e) {
            log.warn("Model directory scan failed; keeping the loaded versions: {}", e.getMessage());
        }
    }

    MetricsEndpoint.Health health() {
        KafkaStreams.State s = streams.state();
        boolean ok = s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING
                || s == KafkaStreams.State.CREATED;
        return new MetricsEndpoint.Health(ok, "kafka-streams " + s + ", model " + models.newest().name() + " "
                + models.newest().version());
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ClassifierMetrics metrics() {
        return metrics;
    }

    public int metricsPort() {
        return server.port();
    }

    @Override
    public void close() {
        reload.shutdownNow();
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        server.close();
        models.close();
        registry.close();
    }
}
