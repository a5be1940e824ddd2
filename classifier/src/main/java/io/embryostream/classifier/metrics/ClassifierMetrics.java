package io.embryostream.classifier.metrics;

import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The classifier's meters, all registered at start (every tag value at zero), so dashboards and
 * alerting rules see a series before the first event of its kind. Names are documented in the
 * README's metrics reference.
 */
public final class ClassifierMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesUnusedPlane;
    private final Counter timePointsPlaneSubstituted;
    private final Counter stageEvents;
    private final Counter transitions;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
    private final Map<AlertType, Counter> alerts = new EnumMap<>(AlertType.class);
    private final DistributionSummary batchSize;
    private final Timer inferenceTime;
    private final Timer endToEnd;
    private final Map<String, Long> activeEmbryosByTask = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> modelInfo = new ConcurrentHashMap<>();
    private final Map<String, InputDrift> inputDrift = new ConcurrentHashMap<>();
    private final Map<String, Counter> intervalMismatches = new ConcurrentHashMap<>();

    public ClassifierMetrics(MeterRegistry registry) {
        this.registry = registry;
        framesIn = Counter.builder("embryo.frames.in").description("Records read from the frames topic: one plane each from a device, a time point's planes from the ingest")
                .register(registry);
        framesUnusedPlane = Counter.builder("embryo.frames.unused.plane")
                .description("Frames of focal planes the model does not use, counted and dropped").register(registry);
        timePointsPlaneSubstituted = Counter.builder("embryo.time.points.plane.substituted")
                .description("Time points classified with a missing plane stood in by the nearest one (PLANE_SUBSTITUTED)")
                .register(registry);
        stageEvents = Counter.builder("embryo.stage.events").description("StageEvents emitted").register(registry);
        transitions = Counter.builder("embryo.transitions").description("Confirmed transitions emitted")
                .register(registry);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            deadLetters.put(r, Counter.builder("embryo.dead.letters").tag("reason", r.name())
                    .description("Records sent to the dead-letter topic, by reason").register(registry));
        }
        for (AlertType t : AlertType.values()) {
            alerts.put(t, Counter.builder("embryo.alerts").tag("type", t.name()).description("Alerts raised, by type")
                    .register(registry));
        }
        batchSize = DistributionSummary.builder("embryo.inference.batch.size")
                .description("Time points per inference batch").publishPercentileHistogram()
                .serviceLevelObjectives(1, 8, 32, 64, 128, 256).register(registry);
        inferenceTime = Timer.builder("embryo.inference.duration").description("Time of one inference batch")
                .publishPercentileHistogram().register(registry);
        endToEnd = Timer.builder("embryo.end.to.end.latency")
                .description("From the frame's ingest (or acquisition) time to its StageEvent")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        Gauge.builder("embryo.active.embryos", activeEmbryosByTask,
                        m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Embryos with state in this instance").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void unusedPlane() {
        framesUnusedPlane.increment();
    }

    public void planeSubstituted() {
        timePointsPlaneSubstituted.increment();
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    public void stageEvent(long endToEndMillis) {
        stageEvents.increment();
        endToEnd.record(Duration.ofMillis(Math.max(0, endToEndMillis)));
    }

    public void transition() {
        transitions.increment();
    }

    public void alert(AlertType type) {
        alerts.get(type).increment();
    }

    public void batch(int size, long nanos) {
        batchSize.record(size);
        inferenceTime.record(Duration.ofNanos(nanos));
    }

    /** Embryos with state in one task's store, as counted by its periodic scan. */
    public void activeEmbryos(String taskId, long count) {
        activeEmbryosByTask.put(taskId, count);
    }

    public void taskClosed(String taskId) {
        activeEmbryosByTask.remove(taskId);
    }

    public long activeEmbryos() {
        return activeEmbryosByTask.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A gauge at 1 naming a loaded model version and the provider it runs on. */
    public void modelLoaded(String model, String version, String provider) {
        String key = model + "|" + version + "|" + provider;
        modelInfo.computeIfAbsent(key, k -> {
            AtomicLong one = new AtomicLong(1);
            Gauge.builder("embryo.model.info", one, AtomicLong::get).tag("model", model).tag("version", version)
                    .tag("provider", provider).description("Loaded model versions and their execution provider")
                    .register(registry);
            return one;
        });
    }

    public double deadLetterCount(DeadLetterReason reason) {
        return deadLetters.get(reason).count();
    }

    public double stageEventCount() {
        return stageEvents.count();
    }

    /**
     * The running input figures of one model version, registered with its reference (model.json's normalization) on
     * first use: {@code embryo.input.pixel.mean/std} against {@code embryo.input.reference.mean/std}.
     */
    public InputDrift inputDrift(String model, String version, double referenceMean, double referenceStd, int window) {
        return inputDrift.computeIfAbsent(model + "|" + version, k -> {
            InputDrift d = new InputDrift(window, Counter.builder("embryo.input.time.points").tag("model", model)
                    .tag("version", version).description("Time points in the running input statistics")
                    .register(registry));
            Gauge.builder("embryo.input.pixel.mean", d, InputDrift::mean).tag("model", model).tag("version", version)
                    .description("Running mean of the model's input pixels (block-averaged, 0-1 scale), over the last"
                            + " drift.window.time.points time points").register(registry);
            Gauge.builder("embryo.input.pixel.std", d, InputDrift::std).tag("model", model).tag("version", version)
                    .description("Running spread (standard deviation) of the model's input pixels, same window")
                    .register(registry);
            Gauge.builder("embryo.input.reference.mean", () -> referenceMean).tag("model", model)
                    .tag("version", version).description("The training frames' pixel mean (model.json normalization)")
                    .register(registry);
            Gauge.builder("embryo.input.reference.std", () -> referenceStd).tag("model", model)
                    .tag("version", version).description("The training frames' pixel spread (model.json normalization)")
                    .register(registry);
            return d;
        });
    }

    /** Registers both directions of a model version's interval-mismatch counter at zero (when it is loaded). */
    public void intervalMismatchRegistered(String model, String version) {
        mismatchCounter(model, version, false);
        mismatchCounter(model, version, true);
    }

    /** One embryo whose frame interval is off its model's, longer or shorter (counted once per embryo). */
    public void intervalMismatch(String model, String version, boolean longer) {
        mismatchCounter(model, version, longer).increment();
    }

    public double intervalMismatchCount(String model, String version, boolean longer) {
        return mismatchCounter(model, version, longer).count();
    }

    private Counter mismatchCounter(String model, String version, boolean longer) {
        String direction = longer ? "longer" : "shorter";
        return intervalMismatches.computeIfAbsent(model + "|" + version + "|" + direction,
                k -> Counter.builder("embryo.interval.mismatch").tag("model", model).tag("version", version)
                        .tag("direction", direction).description("Embryos whose frame interval is off the model's"
                                + " beyond model.interval.tolerance: shorter (resampled) or longer (not resamplable)")
                        .register(registry));
    }
}
