package io.embryostream.classifier.app;

import io.embryostream.classifier.alerts.AlertThresholds;
import io.embryostream.classifier.decode.Decoding;
import io.embryostream.classifier.embryo.EmbryoLifetime;
import io.embryostream.classifier.inference.Batching;
import io.embryostream.classifier.inference.FrameInterval;
import io.embryostream.classifier.inference.StageInference;
import io.embryostream.classifier.topology.ClassifierTopology;
import io.embryostream.config.Settings;
import io.embryostream.model.ExecutionProvider;
import io.embryostream.model.InferenceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The classifier's settings: defaults here, a properties file, {@code EMBRYO_*} environment
 * variables. Kafka client settings pass through under the {@code kafka.} prefix
 * ({@code kafka.security.protocol} → {@code security.protocol}); exactly-once is not optional.
 */
public final class ClassifierConfig {

    private final Settings settings;

    public ClassifierConfig(Settings settings) {
        this.settings = settings;
    }

    /** Every setting the classifier reads, with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kafka.bootstrap.servers", null);
        d.put("classifier.application.id", "embryo-classifier");
        d.put("classifier.state.dir", System.getProperty("java.io.tmpdir") + "/embryo-classifier-state");
        // One stream thread per core: each runs its own inference (one intra-op thread, see below), and while one
        // waits on a transaction commit the other computes; measured 2.0x the throughput of one thread on 2 cores
        // (docs/BENCHMARKS.md). Batches span the tasks of one thread, so on a GPU fewer threads batch better.
        d.put("classifier.stream.threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        d.put("classifier.commit.interval.ms", "100");
        d.put("classifier.replication.factor", "3");
        d.put("classifier.standby.replicas", "0");
        d.put("classifier.session.timeout.ms", "45000");
        d.put("classifier.rocksdb.cache.mb", "64");
        // Kafka Streams' record cache in front of the stores (all threads): holds what one commit interval writes.
        d.put("classifier.state.cache.mb", "32");
        d.put("model.dir", "models/gomez-16");
        d.put("model.refresh.seconds", "30");
        // Temporal head new embryos take: lstm (step graph, O(1) per time point) or transformer (window graph);
        // empty = the model's default. Embryos keep the head they started on.
        d.put("model.head", "");
        // One intra-op thread: ONNX Runtime's extra threads spin between runs and take the core the stream
        // thread, its Kafka clients (and, in the demo, the broker) need; measured 2.7-3.4x faster on 2 cores
        // (docs/BENCHMARKS.md). Raise it on machines with cores to spare.
        d.put("inference.threads", "1");
        d.put("inference.provider", "CPU");
        d.put("inference.batch.max", "64");
        d.put("inference.batch.max.delay.ms", "0"); // CPU: a batch closes as soon as the batcher is idle (docs/BENCHMARKS.md)
        d.put("inference.poll.ms", "5");
        // How long the stream thread may block in poll() with nothing buffered; Kafka Streams' 100 ms default
        // delays the inference punctuator and the batch deadline by up to that much.
        d.put("classifier.poll.ms", "5");
        d.put("assembly.timeout.hours", "1");
        // Streams whose frames come more often than the model's interval (window.nominalIntervalHours) are
        // resampled to it for the temporal head (every frame still classified); an interval off the model's by more
        // than the tolerance (relative) is counted and logged per embryo (docs/OPERATIONS.md).
        d.put("model.interval.resample", "true");
        d.put("model.interval.tolerance", "0.25");
        // Time points the running input statistics (input-drift metric) average over, per model version.
        d.put("drift.window.time.points", "500");
        d.put("decode.switch.penalty", "4");
        d.put("decode.confirm.lag.hours", "2");
        d.put("embryo.inactivity.timeout.hours", "168");
        // ENDED travels on the lifecycle topic and can be read before the embryo's last frames (an export
        // ingest sends it right after them): the embryo is released this long after its end and last frame.
        d.put("embryo.end.grace.seconds", "30");
        d.put("housekeeping.interval.seconds", "10");
        d.put("metrics.port", "9464");
        d.putAll(AlertThresholds.defaults());
        return d;
    }

    public Settings settings() {
        return settings;
    }

    public Path modelDir() {
        return Path.of(settings.get("model.dir"));
    }

    public Duration modelRefresh() {
        return Duration.ofSeconds(settings.getInt("model.refresh.seconds"));
    }

    public int metricsPort() {
        return settings.getInt("metrics.port");
    }

    public InferenceOptions inferenceOptions() {
        return new InferenceOptions(settings.getInt("inference.threads"),
                ExecutionProvider.valueOf(settings.get("inference.provider").toUpperCase(java.util.Locale.ROOT)),
                settings.getInt("inference.batch.max"));
    }

    /** The temporal head new embryos take; empty for the model's default. */
    public String head() {
        return settings.get("model.head", "");
    }

    /** What the topology is built with. */
    public ClassifierTopology.Settings topologySettings() {
        return new ClassifierTopology.Settings(settings.getDouble("assembly.timeout.hours"),
                new StageInference.Tuning(head(),
                        new Batching(settings.getInt("inference.batch.max"),
                                Duration.ofMillis(settings.getInt("inference.batch.max.delay.ms")),
                                Duration.ofMillis(settings.getInt("inference.poll.ms"))),
                        new Decoding(settings.getDouble("decode.switch.penalty"),
                                settings.getDouble("decode.confirm.lag.hours")),
                        AlertThresholds.from(settings),
                        new EmbryoLifetime(Duration.ofSeconds(settings.getInt("housekeeping.interval.seconds")),
                                Duration.ofMinutes(Math.round(settings.getDouble("embryo.inactivity.timeout.hours") * 60)),
                                Duration.ofSeconds(settings.getInt("embryo.end.grace.seconds"))),
                        new FrameInterval(settings.getBoolean("model.interval.resample"),
                                settings.getDouble("model.interval.tolerance")),
                        settings.getInt("drift.window.time.points")));
    }

    /** Kafka Streams properties: exactly-once v2, named state, client settings passed through. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        settings.withPrefix("kafka.").forEach(p::put);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.get("classifier.application.id"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get("kafka.bootstrap.servers"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.get("classifier.state.dir"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.get("classifier.stream.threads"));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.get("classifier.commit.interval.ms"));
        p.put(StreamsConfig.POLL_MS_CONFIG, settings.get("classifier.poll.ms"));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                String.valueOf(settings.getInt("classifier.state.cache.mb") * 1024L * 1024L));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.get("classifier.replication.factor"));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.get("classifier.standby.replicas"));
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), settings.get("classifier.session.timeout.ms"));
        p.put(StreamsConfig.consumerPrefix("max.poll.records"), "500");
        p.put(StreamsConfig.producerPrefix("max.request.size"), "4194304");
        // Pending time points are raw pixels: lz4 keeps the changelog small (kafka.producer.compression.type overrides).
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        if (settings.getInt("classifier.rocksdb.cache.mb") > 0) {
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
            p.put(BoundedRocksDbMemory.CACHE_MB_CONFIG, settings.get("classifier.rocksdb.cache.mb"));
        }
        return p;
    }
}
