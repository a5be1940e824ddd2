package io.embryostream.view;

import io.embryostream.config.Settings;
import io.embryostream.view.http.ViewHttpServer;
import io.embryostream.view.query.LocalStores;
import io.embryostream.view.query.ReviewCurves;
import io.embryostream.view.query.ReviewPolicy;
import io.embryostream.view.review.AnnotationPublisher;
import io.embryostream.view.timeline.ViewTopology;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running view instance: Kafka Streams over {@link ViewTopology}, the HTTP API and page, the
 * review publisher and metrics. Any number of instances with the same application id share the
 * embryos between them. {@link #close()} stops everything in order.
 */
public final class ViewApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewApp.class);

    private final ViewHttpServer http;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AnnotationPublisher publisher;
    private final PrometheusMeterRegistry registry;

    private ViewApp(ViewConfig config) {
        ReviewPolicy policy = reviewPolicy(config); // first: an unreachable target refuses to start before any port opens
        this.http = new ViewHttpServer(config.httpPort());
        Topology topology = ViewTopology.build(config.agreementToleranceHours(), config.framesEnabled());
        log.info("View topology:\n{}", topology.describe());
        this.streams = new KafkaStreams(topology, config.streamsProperties(http.port()));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("View stream thread failed; replacing it (its tasks resume from the last commit)", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        this.publisher = new AnnotationPublisher(config.kafkaClientSettings(), config.forwardTimeout());
        LocalStores stores = new LocalStores(streams, policy, config.framesEnabled());
        http.start(streams, config.advertisedHost(), stores, config.forwardTimeout(), publisher, registry, this::health,
                Clock.systemUTC());
    }

    /**
     * The review queue's thresholds: {@code view.review.min.probability} for all, or, with a target accuracy, each
     * model version's from its measured curve (refusing to start when a curve cannot reach the target).
     */
    static ReviewPolicy reviewPolicy(ViewConfig config) {
        double min = config.reviewMinProbability();
        if (config.reviewTargetAccuracy().isEmpty()) {
            log.info("Review queue: transitions below confidence {} (view.review.min.probability; no target accuracy"
                    + " set, so nothing says how accurate the others are)", min);
            return new ReviewPolicy(min);
        }
        double target = config.reviewTargetAccuracy().getAsDouble();
        Map<String, Double> thresholds = new java.util.LinkedHashMap<>();
        ReviewCurves.read(config.modelDir(), config.reviewCurveLagHours()).forEach((key, curve) -> {
            if (curve == null) {
                log.warn("Review queue: model {} has no stream-evaluation curve for its current weights and calibration:"
                        + " its transitions below confidence {} are reviewed (view.review.min.probability)", key, min);
                return;
            }
            ReviewCurves.Choice choice = ReviewCurves.choose(curve, target);
            thresholds.put(key, choice.point().threshold());
            log.info("Review queue, target {}: {}", target, choice.describe());
        });
        return new ReviewPolicy(min, Map.copyOf(thresholds));
    }

    /** Builds and starts a view instance. */
    public static ViewApp start(ViewConfig config) {
        ViewApp app = new ViewApp(config);
        app.streams.start();
        return app;
    }

    /**
     * Runs a view standalone (containers): settings from the properties file named by the first
     * argument (optional) and {@code EMBRYO_*} variables; stops on SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        Settings settings = Settings.resolve(ViewConfig.defaults(), file, System.getenv(), Map.of());
        log.info("embryo-stream view, settings:\n{}", settings.describe());
        CountDownLatch stopped = new CountDownLatch(1);
        ViewApp app = start(new ViewConfig(settings));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "view-shutdown"));
        stopped.await();
    }

    private ViewHttpServer.Health health() {
        KafkaStreams.State s = streams.state();
        return new ViewHttpServer.Health(s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING
                || s == KafkaStreams.State.CREATED, "kafka-streams " + s);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        publisher.close();
        registry.close();
    }
}
