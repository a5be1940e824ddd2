package io.embryostream.classifier.inference;

import io.embryostream.classifier.alerts.AlertRules;
import io.embryostream.classifier.alerts.AlertState;
import io.embryostream.classifier.alerts.AlertThresholds;
import io.embryostream.classifier.assemble.PartialTimePoints;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.decode.DecoderState;
import io.embryostream.classifier.decode.Decoding;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.classifier.embryo.EmbryoLifetime;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.EmbryoStore;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.schemas.Latency;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs assembled time points through the model via the thread's {@link InferenceBatcher} and
 * emits, from this task's punctuator, exactly one StageEvent per time point plus the transitions
 * and alerts it confirms. See {@link InferenceBatcher} for why this stays exactly-once.
 */
public final class StageInference implements Processor<String, Object, String, Object> {

    /** The stores and sinks the topology connects this processor to. */
    public record Wiring(String embryoStore, String pendingStore, String planeStore, String embeddingStore,
                         String stagesChild, String transitionsChild, String alertsChild) {
    }

    /** How it is tuned; {@code head} is the temporal head new embryos take (empty: the model's default). */
    public record Tuning(String head, Batching batching, Decoding decoding, AlertThresholds alerts,
                         EmbryoLifetime lifetime) {
    }

    private static final Logger log = LoggerFactory.getLogger(StageInference.class);

    private final Wiring wiring;
    private final Tuning tuning;
    private final ModelRegistry models;
    private final ClassifierMetrics metrics;
    private final Map<String, StageDecoder> decoders = new HashMap<>();
    private final Map<ModelMetadata, AlertRules> rules = new HashMap<>();
    private final java.util.Set<String> headWarned = new java.util.HashSet<>();
    private ProcessorContext<String, Object> context;
    private EmbryoStore embryos;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, byte[]> planes;
    private PartialTimePoints partial;
    private KeyValueStore<String, byte[]> embeddingEntries;
    private EmbeddingWindowStore embeddings;
    private InferenceBatcher batcher;
    private TaskInbox inbox;

    public StageInference(Wiring wiring, Tuning tuning, ModelRegistry models, ClassifierMetrics metrics) {
        this.wiring = wiring;
        this.tuning = tuning;
        this.models = models;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.embryos = new EmbryoStore(context.getStateStore(wiring.embryoStore()));
        this.pending = context.getStateStore(wiring.pendingStore());
        this.planes = context.getStateStore(wiring.planeStore());
        this.partial = new PartialTimePoints(planes);
        this.embeddingEntries = context.getStateStore(wiring.embeddingStore());
        this.embeddings = new EmbeddingWindowStore(embeddingEntries);
        this.batcher = InferenceBatcher.forCurrentThread(models, metrics, tuning.batching().maxBatch(),
                tuning.batching().maxDelay().toMillis());
        this.inbox = new TaskInbox(context.taskId().toString());
        context.schedule(tuning.batching().pollInterval(), PunctuationType.WALL_CLOCK_TIME, now -> drain());
        context.schedule(tuning.lifetime().housekeepingInterval(), PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        resubmitRestored();
    }

    /** After a restore or rebalance the pending store holds accepted time points: queue them again, in order. */
    private void resubmitRestored() {
        List<ReadyTimePoint> restored = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            it.forEachRemaining(kv -> restored.add(ReadyTimePoint.fromBytes(kv.value)));
        }
        restored.forEach(this::submit);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof EmbryoLifecycle l) {
            lifecycle(record.key(), l);
            return;
        }
        accept((ReadyTimePoint) record.value());
    }

    /** Stores an accepted time point as pending (it survives a restart until its result is emitted) and queues it. */
    private void accept(ReadyTimePoint tp) {
        pending.put(StoreKeys.timePoint(tp.embryoId(), tp.timePoint()), tp.toBytes());
        submit(tp);
    }

    /**
     * Queues a time point right away, even behind others of its embryo: those continue from each
     * other's context in the batcher, so the embryo's stored state is read only for the first.
     */
    private void submit(ReadyTimePoint tp) {
        String id = tp.embryoId();
        long now = context.currentSystemTimeMs();
        ModelMetadata inFlight = inbox.modelInFlight(id);
        if (inFlight != null) {
            batcher.submit(inbox, tp, inFlight, inbox.headInFlight(id), null, now);
            return;
        }
        EmbryoState state = embryos.get(id);
        if (state == null || state.released) {
            // Released after it was accepted (inactive past the timeout): nothing is left to continue from.
            pending.delete(StoreKeys.timePoint(id, tp.timePoint()));
            return;
        }
        ModelMetadata model = models.version(state.modelVersion).orElseGet(models::newest);
        String head = state.temporalHead != null ? state.temporalHead : headFor(model);
        batcher.submit(inbox, tp, model, head, storedContext(id, state, model, head), now);
    }

    /** The configured head for a new embryo, or the model's default when the model has none of that kind. */
    private String headFor(ModelMetadata model) {
        String wanted = tuning.head().isEmpty() ? model.defaultHead() : tuning.head();
        if (model.temporalHead(wanted).isPresent()) {
            return wanted;
        }
        if (headWarned.add(model.version())) {
            log.warn("Model {} {} has no {} head (heads {}); new embryos take its default {}", model.name(),
                    model.version(), wanted, model.temporalHeadKinds(), model.defaultHead());
        }
        return model.defaultHead();
    }

    private TemporalContext storedContext(String id, EmbryoState state, ModelMetadata model, String head) {
        if (ModelMetadata.TRANSFORMER.equals(head)) {
            return embeddings.window(id, model.window().timePoints() - 1);
        }
        return state.temporalState.length == 0 ? null : new TemporalContext.Lstm(state.temporalState);
    }

    /** Punctuator: run a due batch, then emit this task's results inside the transaction. */
    void drain() {
        batcher.runIfDue(context.currentSystemTimeMs());
        InferenceResult r;
        while ((r = inbox.poll()) != null) {
            emit(r);
        }
    }

    private void emit(InferenceResult r) {
        ReadyTimePoint tp = r.timePoint();
        String id = tp.embryoId();
        inbox.done(id);
        String pendingKey = StoreKeys.timePoint(id, tp.timePoint());
        EmbryoState state = embryos.get(id);
        if (state == null || state.released || pending.get(pendingKey) == null) {
            return; // released or already emitted (a result from before a rebalance)
        }
        ModelMetadata model = r.model();
        List<String> classes = model.classNames();
        StageDecoder decoder = decoders.computeIfAbsent(model.version(),
                v -> new StageDecoder(tuning.decoding().switchPenalty(), tuning.decoding().confirmLagHours()));
        DecoderState ds = state.decoderState.length == 0 ? DecoderState.initial(classes.size())
                : DecoderState.fromBytes(state.decoderState);
        StageDecoder.Step step = decoder.step(ds, tp.timePoint(), tp.hours(), r.probabilities());
        AlertState as = state.alertState.length == 0 ? new AlertState() : AlertState.fromBytes(state.alertState);
        List<AlertRules.Raised> raised = rules.computeIfAbsent(model, m -> new AlertRules(tuning.alerts(),
                m.classNames())).evaluate(as, tp.hours(), r.probabilities(), step.confirmations(),
                ds.committedStage(), ds.committedSinceHours());

        long now = context.currentSystemTimeMs();
        long e2e = now - (tp.acquisitionTime() >= 0 ? tp.acquisitionTime() : tp.ingestTime());
        StageEvent stage = StageEvent.newBuilder()
                .setEmbryoId(id).setDisplayLabel(tp.displayLabel()).setTimePoint(tp.timePoint())
                .setHoursPostInsemination(tp.hours()).setScheme(model.scheme())
                .setStageIndex(step.provisionalStage()).setStageName(classes.get(step.provisionalStage()))
                .setProbabilities(floats(r.probabilities()))
                .setConfirmedUpToHours(Double.isNaN(step.confirmedUpToHours()) ? null : step.confirmedUpToHours())
                .setModelId(model.name()).setModelVersion(model.version()).setFlags(tp.flags())
                .setLatency(Latency.newBuilder().setIngestToEmitMillis(now - tp.ingestTime())
                        .setAcquisitionToEmitMillis(tp.acquisitionTime() >= 0 ? now - tp.acquisitionTime() : null)
                        .setInferenceMillis(r.batchMillis()).setBatchSize(r.batchSize()).build())
                .setEmitTime(Instant.ofEpochMilli(now)).build();
        context.forward(new Record<>(id, (Object) stage, now), wiring.stagesChild());
        metrics.stageEvent(e2e);
        for (StageDecoder.Confirmation c : step.confirmations()) {
            emitTransition(id, tp, model, c, now);
        }
        for (AlertRules.Raised a : raised) {
            emitAlert(id, tp.displayLabel(), tp.timePoint(), tp.hours(), model, a, now);
        }

        state.temporalHead = r.head();
        if (r.next() instanceof TemporalContext.Lstm lstm) {
            state.temporalState = lstm.state();
        } else {
            embeddings.append(id, tp.timePoint(), (float) tp.hours(), r.embedding(), model.window().timePoints() - 1);
        }
        state.decoderState = ds.toBytes();
        state.alertState = as.toBytes();
        state.lastEmitted = tp.timePoint();
        embryos.put(id, state);
        pending.delete(pendingKey);
        releaseIfDue(id, state, now);
    }

    /**
     * STARTED records live-source facts (a released embryo starts again from nothing); ENDED/WITHDRAWN
     * release the embryo after the grace period, once nothing is pending.
     */
    private void lifecycle(String id, EmbryoLifecycle l) {
        EmbryoState state = embryos.get(id);
        long now = context.currentSystemTimeMs();
        if (l.getState() == LifecycleState.STARTED) {
            if (state == null || state.released) {
                state = new EmbryoState();
                state.modelVersion = models.newest().version();
                state.lastFrameWallMillis = now;
            }
            state.displayLabel = l.getDisplayLabel();
            state.live = l.getLive();
            state.nominalIntervalMinutes = l.getNominalIntervalMinutes() == null ? 0 : l.getNominalIntervalMinutes();
            embryos.put(id, state);
            return;
        }
        if (state == null || state.released) {
            return;
        }
        if (!state.endRequested) {
            state.endRequested = true;
            state.endRequestedWallMillis = now;
            embryos.put(id, state);
        }
        releaseIfDue(id, state, now);
    }

    /**
     * Releases an ended embryo once the grace period has passed since both its end and its last frame and
     * nothing of it is queued. Time points still missing planes then get no more frames: they are
     * completed with stand-in planes and classified first, and the release waits for their results.
     *
     * @return whether it was released
     */
    private boolean releaseIfDue(String id, EmbryoState state, long now) {
        if (!state.endRequested || state.released
                || now - Math.max(state.endRequestedWallMillis, state.lastFrameWallMillis) < tuning.lifetime().endGrace().toMillis()
                || inbox.inFlight(id) || hasPending(id) || completePartialTimePoints(id, state)) {
            return false;
        }
        release(id, state, now, true);
        return true;
    }

    /** @return whether any time point was completed (and queued) */
    private boolean completePartialTimePoints(String id, EmbryoState state) {
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting = partial.of(id);
        if (waiting.isEmpty()) {
            return false;
        }
        List<Integer> used = models.version(state.modelVersion).orElseGet(models::newest).planes();
        List<ReadyTimePoint> completed = new ArrayList<>();
        for (TreeMap<Integer, ReadyTimePoint> byPlane : waiting.values()) {
            ReadyTimePoint tp = partial.take(byPlane, used);
            if (tp.flags().contains(PartialTimePoints.PLANE_SUBSTITUTED)) {
                metrics.planeSubstituted();
            }
            state.highWaterMark = Math.max(state.highWaterMark, tp.timePoint());
            completed.add(tp);
        }
        embryos.put(id, state);
        completed.forEach(this::accept);
        return true;
    }

    private boolean hasPending(String id) {
        try (KeyValueIterator<String, byte[]> it = pending.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
            return it.hasNext();
        }
    }

    /**
     * Confirms what the lag window still holds (the culture is over, no later frame will), emits
     * those transitions, and deletes every entry of the embryo (the changelogs get tombstones); an ended
     * embryo leaves its {@link EmbryoState#releasedMarker() marker}.
     */
    private void release(String id, EmbryoState state, long now, boolean keepMarker) {
        if (state.decoderState.length > 0) {
            ModelMetadata model = models.version(state.modelVersion).orElseGet(models::newest);
            DecoderState ds = DecoderState.fromBytes(state.decoderState);
            StageDecoder decoder = decoders.computeIfAbsent(model.version(),
                    v -> new StageDecoder(tuning.decoding().switchPenalty(), tuning.decoding().confirmLagHours()));
            ReadyTimePoint last = new ReadyTimePoint(id, state.displayLabel, state.lastEmitted, ds.lastHours(), now, -1,
                    List.of(), new byte[0][], null);
            for (StageDecoder.Confirmation c : decoder.flush(ds)) {
                emitTransition(id, last, model, c, now);
            }
        }
        deleteRange(pending, id);
        deleteRange(planes, id);
        deleteRange(embeddingEntries, id);
        if (keepMarker) {
            embryos.put(id, state.releasedMarker());
        } else {
            embryos.delete(id);
        }
    }

    private static void deleteRange(KeyValueStore<String, byte[]> store, String id) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }

    /**
     * Periodic scan of this task's embryos: ended embryos past the grace period (released), stalled
     * live streams (no frame for the configured number of nominal intervals, wall clock), embryos and
     * released markers inactive past the timeout (deleted), and the active-embryo gauge.
     */
    void housekeeping(long now) {
        List<KeyValue<String, EmbryoState>> ended = new ArrayList<>();
        List<KeyValue<String, EmbryoState>> stalled = new ArrayList<>();
        List<KeyValue<String, EmbryoState>> inactive = new ArrayList<>();
        long count = 0;
        try (KeyValueIterator<String, byte[]> it = embryos.raw().all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                EmbryoState s = EmbryoState.fromBytes(kv.value);
                long silentMillis = now - s.lastFrameWallMillis;
                if (silentMillis > tuning.lifetime().inactivityTimeout().toMillis()) {
                    inactive.add(KeyValue.pair(kv.key, s));
                    continue;
                }
                if (s.released) {
                    continue;
                }
                count++;
                if (s.endRequested) {
                    ended.add(KeyValue.pair(kv.key, s));
                } else if (s.live && !s.stalledRaised && s.nominalIntervalMinutes > 0
                        && silentMillis > 60_000 * Math.max(tuning.alerts().stalledMinSilenceMinutes(),
                        tuning.alerts().stalledIntervals() * s.nominalIntervalMinutes)) {
                    stalled.add(KeyValue.pair(kv.key, s));
                }
            }
        }
        for (KeyValue<String, EmbryoState> kv : stalled) {
            EmbryoState s = kv.value;
            ModelMetadata model = models.version(s.modelVersion).orElseGet(models::newest);
            double minutes = (now - s.lastFrameWallMillis) / 60_000.0;
            double hours = s.decoderState.length == 0 ? 0 : DecoderState.fromBytes(s.decoderState).lastHours();
            emitAlert(kv.key, s.displayLabel, s.lastEmitted, hours, model, new AlertRules.Raised(
                    io.embryostream.schemas.AlertType.STALLED_STREAM, io.embryostream.schemas.Severity.CRITICAL,
                    "STALLED_STREAM:" + s.highWaterMark,
                    String.format(java.util.Locale.ROOT, "Stalled stream: no frame for %.1f min (%.1f nominal"
                            + " intervals)", minutes, minutes / s.nominalIntervalMinutes),
                    Map.of("lastTimePoint", String.valueOf(s.highWaterMark), "silentMinutes",
                            String.format(java.util.Locale.ROOT, "%.1f", minutes), "nominalIntervalMinutes",
                            String.valueOf(s.nominalIntervalMinutes))), now);
            s.stalledRaised = true;
            embryos.put(kv.key, s);
        }
        for (KeyValue<String, EmbryoState> kv : inactive) {
            if (kv.value.released) {
                embryos.delete(kv.key);
            } else {
                release(kv.key, kv.value, now, false);
                count--;
            }
        }
        for (KeyValue<String, EmbryoState> kv : ended) {
            if (releaseIfDue(kv.key, kv.value, now)) {
                count--;
            }
        }
        metrics.activeEmbryos(inbox.taskId(), count);
    }

    void emitTransition(String id, ReadyTimePoint tp, ModelMetadata model, StageDecoder.Confirmation c, long now) {
        List<String> classes = model.classNames();
        TransitionEvent t = TransitionEvent.newBuilder()
                .setTransitionId(id + ":" + model.version() + ":" + classes.get(c.stage()))
                .setEmbryoId(id).setDisplayLabel(tp.displayLabel()).setScheme(model.scheme())
                .setStageIndex(c.stage()).setStageName(classes.get(c.stage()))
                .setPreviousStageName(c.previousStage() < 0 ? null : classes.get(c.previousStage()))
                .setOnsetTimePoint(c.onsetTimePoint()).setOnsetHours(c.onsetHours())
                .setConfirmedAtTimePoint(tp.timePoint()).setConfidence(c.confidence())
                .setModelId(model.name()).setModelVersion(model.version()).setEmitTime(Instant.ofEpochMilli(now))
                .build();
        context.forward(new Record<>(id, (Object) t, now), wiring.transitionsChild());
        metrics.transition();
    }

    void emitAlert(String id, String label, int timePoint, double hours, ModelMetadata model, AlertRules.Raised a,
                   long now) {
        AlertEvent e = AlertEvent.newBuilder()
                .setAlertId(id + ":" + model.version() + ":" + a.key())
                .setType(a.type()).setSeverity(a.severity()).setEmbryoId(id).setDisplayLabel(label)
                .setTimePoint(timePoint).setHoursPostInsemination(hours).setMessage(a.message())
                .setEvidence(a.evidence()).setModelId(model.name()).setModelVersion(model.version())
                .setEmitTime(Instant.ofEpochMilli(now)).build();
        context.forward(new Record<>(id, (Object) e, now), wiring.alertsChild());
        metrics.alert(a.type());
    }

    private static List<Float> floats(float[] p) {
        List<Float> out = new ArrayList<>(p.length);
        for (float f : p) {
            out.add(f);
        }
        return out;
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.forget(inbox);
            metrics.taskClosed(inbox.taskId());
        }
    }
}
