package io.embryostream.view;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The view's settings: defaults here, a properties file, {@code EMBRYO_*} environment variables,
 * options. Kafka client settings pass through under the {@code kafka.} prefix.
 */
public final class ViewConfig {

    private final Settings settings;

    public ViewConfig(Settings settings) {
        this.settings = settings;
    }

    /** Every setting the view reads, with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kafka.bootstrap.servers", null);
        d.put("view.application.id", "embryo-view");
        d.put("view.state.dir", System.getProperty("java.io.tmpdir") + "/embryo-view-state");
        d.put("view.http.port", "8080");
        d.put("view.advertised.host", "localhost");
        d.put("view.stream.threads", "1");
        d.put("view.commit.interval.ms", "100");
        d.put("view.replication.factor", "3");
        d.put("view.standby.replicas", "0");
        d.put("view.frames.enabled", "true");
        d.put("view.review.min.probability", "0.6");
        // A target accuracy for auto-accepted transitions (e.g. 0.95): each model version's threshold is then read
        // from its measured coverage-accuracy curve in view.model.dir (the classifier's model folder); empty = off,
        // view.review.min.probability for every version. The curve is the one measured at the lag nearest
        // view.review.curve.lag.hours (the classifier's decode.confirm.lag.hours).
        d.put("view.review.target.accuracy", "");
        d.put("view.model.dir", "");
        d.put("view.review.curve.lag.hours", "2");
        d.put("view.agreement.tolerance.hours", "2.0");
        d.put("view.forward.timeout.ms", "5000");
        return d;
    }

    public Settings settings() {
        return settings;
    }

    public int httpPort() {
        return settings.getInt("view.http.port");
    }

    public String advertisedHost() {
        return settings.get("view.advertised.host");
    }

    public boolean framesEnabled() {
        return settings.getBoolean("view.frames.enabled");
    }

    public double reviewMinProbability() {
        return settings.getDouble("view.review.min.probability");
    }

    /** The target accuracy of auto-accepted transitions; empty when the curves are not used. */
    public OptionalDouble reviewTargetAccuracy() {
        String v = settings.get("view.review.target.accuracy", "").trim();
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        double target = settings.getDouble("view.review.target.accuracy");
        if (!(target > 0 && target <= 1)) {
            throw new ConfigException("view.review.target.accuracy must lie in (0, 1], was "
                    + v);
        }
        return OptionalDouble.of(target);
    }

    public Path modelDir() {
        String v = settings.get("view.model.dir", "").trim();
        if (v.isEmpty()) {
            throw new ConfigException("view.review.target.accuracy needs view.model.dir: the"
                    + " model folder whose versions' measured curves give the thresholds");
        }
        return Path.of(v);
    }

    public double reviewCurveLagHours() {
        return settings.getDouble("view.review.curve.lag.hours");
    }

    public double agreementToleranceHours() {
        return settings.getDouble("view.agreement.tolerance.hours");
    }

    public Duration forwardTimeout() {
        return Duration.ofMillis(settings.getInt("view.forward.timeout.ms"));
    }

    public String bootstrapServers() {
        return settings.get("kafka.bootstrap.servers");
    }

    /** Kafka client settings passed through ({@code kafka.security.protocol} → {@code security.protocol}). */
    public Map<String, String> kafkaClientSettings() {
        return settings.withPrefix("kafka.");
    }

    /**
     * Kafka Streams properties. Exactly-once, so the agreement sums move in step with the timelines
     * they come from; {@code application.server} is this instance's HTTP address, which is how other
     * instances find the embryos it owns. Undecodable input is logged and skipped: the classifier
     * dead-letters its own bad records, and a view must not stop on one.
     */
    public Properties streamsProperties(int boundHttpPort) {
        Properties p = new Properties();
        p.putAll(kafkaClientSettings());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.get("view.application.id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost() + ":" + boundHttpPort);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.get("view.state.dir"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.get("view.stream.threads"));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.get("view.commit.interval.ms"));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.get("view.replication.factor"));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.get("view.standby.replicas"));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // the frames store holds raw pixels: lz4 keeps its changelog small (kafka.producer.compression.type overrides)
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return p;
    }
}
