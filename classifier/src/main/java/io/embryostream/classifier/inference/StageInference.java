package io.embryostream.classifier.inference;

import io.embryostream.classifier.alerts.AlertRules;
import io.embryostream.classifier.alerts.AlertState;
import io.embryostream.classifier.alerts.AlertThresholds;
import io.embryostream.classifier.alerts.StalledStreamRule;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.decode.DecoderState;
import io.embryostream.classifier.decode.Decoding;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.classifier.embryo.EmbryoLifetime;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.state.EmbeddingValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
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
 * and alerts it confirms; its housekeeping punctuator releases ended and inactive embryos
 * ({@link EmbryoRelease}) and raises stalled-stream alerts. See {@link InferenceBatcher} for why
 * this stays exactly-once. Its outputs are Avro events, each forwarded to its topic's sink.
 */
public final class StageInference implements Processor<String, ReadyTimePoint, String, SpecificRecord> {

    /** The stores and sinks the topology connects this processor to. */
    public record Wiring(String embryoStore, String pendingStore, String planeStore, String embeddingStore,
                         String stagesChild, String transitionsChild, String alertsChild) {
    }

    /**
     * How it is tuned; {@code head} is the temporal head new embryos take (empty: the model's default),
     * {@code interval} how frame intervals meet the model's, {@code driftWindow} the time points the input-drift
     * figures average over.
     */
    public record Tuning(String head, Batching batching, Decoding decoding, AlertThresholds alerts,
                         EmbryoLifetime lifetime, FrameInterval interval, int driftWindow) {

        public Tuning {
            if (driftWindow < 1) {
                throw new IllegalArgumentException("drift.window.time.points must be at least 1, got " + driftWindow);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StageInference.class);

    private final Wiring wiring;
    private final Tuning tuning;
    private final ModelRegistry models;
    private final ClassifierMetrics metrics;
    private final StalledStreamRule stalled;
    private final Map<String, StageDecoder> decoders = new HashMap<>();
    private final Map<ModelMetadata, AlertRules> rules = new HashMap<>();
    private final Set<String> headWarned = new HashSet<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EmbryoState> embryos;
    private KeyValueStore<String, ReadyTimePoint> pending;
    private EmbeddingWindowStore embeddings;
    private EmbryoRelease release;
    private InferenceBatcher batcher;
    private TaskInbox inbox;

    public StageInference(Wiring wiring, Tuning tuning, ModelRegistry models, ClassifierMetrics metrics) {
        this.wiring = wiring;
        this.tuning = tuning;
        this.models = models;
        this.metrics = metrics;
        this.stalled = new StalledStreamRule(tuning.alerts());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.embryos = context.getStateStore(wiring.embryoStore());
        this.pending = context.getStateStore(wiring.pendingStore());
        KeyValueStore<String, EmbeddingValue> embeddingEntries = context.getStateStore(wiring.embeddingStore());
        this.embeddings = new EmbeddingWindowStore(embeddingEntries);
        this.batcher = InferenceBatcher.forCurrentThread(models, metrics, tuning.batching().maxBatch(),
                tuning.batching().maxDelay().toMillis(), tuning.interval(), tuning.driftWindow());
        this.inbox = new TaskInbox(context.taskId().toString());
        this.release = new EmbryoRelease(embryos, pending, context.getStateStore(wiring.planeStore()), embeddingEntries,
                inbox, this::modelOf, this::decoder, this::emitTransition, tuning.lifetime().endGrace());
        context.schedule(tuning.batching().pollInterval(), PunctuationType.WALL_CLOCK_TIME, now -> drain());
        context.schedule(tuning.lifetime().housekeepingInterval(), PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        resubmitRestored();
    }

    /** After a restore or rebalance the pending store holds accepted time points: queue them again, in order. */
    private void resubmitRestored() {
        List<ReadyTimePoint> restored = new ArrayList<>();
        try (KeyValueIterator<String, ReadyTimePoint> it = pending.all()) {
            it.forEachRemaining(kv -> restored.add(kv.value));
        }
        restored.forEach(this::submit);
    }

    @Override
    public void process(Record<String, ReadyTimePoint> record) {
        accept(record.value());
    }

    /** Stores an accepted time point as pending (it survives a restart until its result is emitted) and queues it. */
    private void accept(ReadyTimePoint tp) {
        pending.put(StoreKeys.timePoint(tp.embryoId(), tp.timePoint()), tp);
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
        ModelMetadata model = modelOf(state);
        String head = state.temporalHead != null ? state.temporalHead : headFor(model);
        batcher.submit(inbox, tp, model, head, storedContext(id, state, model, head), now);
    }

    /** The model the embryo started on; the newest when that version is gone or none was chosen yet. */
    private ModelMetadata modelOf(EmbryoState state) {
        return state.modelVersion == null ? models.newest() : models.version(state.modelVersion).orElseGet(models::newest);
    }

    private StageDecoder decoder(ModelMetadata model) {
        return decoders.computeIfAbsent(model.version(),
                v -> new StageDecoder(tuning.decoding().switchPenalty(), tuning.decoding().confirmLagHours()));
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
        TemporalContext.Cadence cadence = new TemporalContext.Cadence(state.headAdvancedHours, state.headLastHours);
        if (ModelMetadata.TRANSFORMER.equals(head)) {
            TemporalContext.Window window = embeddings.window(id, model.window().timePoints() - 1);
            return window == null ? null : window.with(cadence);
        }
        return state.temporalState.length == 0 ? null : new TemporalContext.Lstm(state.temporalState, cadence);
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
        if (state == null || state.released || tp.timePoint() <= state.lastEmitted) {
            return; // released, or already emitted: an embryo's results come in time order
        }
        ModelMetadata model = r.model();
        DecoderState ds = state.decoderState.length == 0 ? DecoderState.initial(model.classNames().size())
                : DecoderState.fromBytes(state.decoderState);
        StageDecoder.Step step = decoder(model).step(ds, tp.timePoint(), tp.hours(), r.probabilities());
        AlertState as = state.alertState.length == 0 ? new AlertState() : AlertState.fromBytes(state.alertState);
        List<AlertRules.Raised> raised = rules.computeIfAbsent(model, m -> new AlertRules(tuning.alerts(),
                m.classNames())).evaluate(as, tp.hours(), r.probabilities(), step.confirmations(),
                ds.committedStage(), ds.committedSinceHours());

        long now = context.currentSystemTimeMs();
        long e2e = now - (tp.acquisitionTime() >= 0 ? tp.acquisitionTime() : tp.ingestTime());
        context.forward(new Record<>(id, OutputEvents.stage(r, step, now), now), wiring.stagesChild());
        metrics.stageEvent(e2e);
        for (StageDecoder.Confirmation c : step.confirmations()) {
            emitTransition(id, tp.displayLabel(), tp.timePoint(), model, c, now);
        }
        for (AlertRules.Raised a : raised) {
            emitAlert(id, tp.displayLabel(), tp.timePoint(), tp.hours(), model, a, now);
        }

        state.temporalHead = r.head();
        if (r.advanced()) {
            if (r.next() instanceof TemporalContext.Lstm lstm) {
                state.temporalState = lstm.state();
            } else {
                embeddings.append(id, tp.timePoint(), (float) tp.hours(), r.embedding(),
                        model.window().timePoints() - 1);
            }
        }
        checkInterval(id, tp, model, state);
        state.headAdvancedHours = r.next().cadence().advancedHours();
        state.headLastHours = tp.hours();
        state.decoderState = ds.toBytes();
        state.alertState = as.toBytes();
        state.lastEmitted = tp.timePoint();
        embryos.put(id, state);
        pending.delete(pendingKey);
        release.releaseIfDue(id, state, now);
    }

    /** Counts and logs, once per embryo, a frame interval off the model's for {@link FrameInterval#CONFIRMING_GAPS} gaps. */
    private void checkInterval(String id, ReadyTimePoint tp, ModelMetadata model, EmbryoState state) {
        double nominal = model.window().nominalIntervalHours();
        double gap = tp.hours() - state.headLastHours;
        state.intervalMismatchStreak = FrameInterval.streak(state.intervalMismatchStreak,
                tuning.interval().mismatch(gap, nominal));
        FrameInterval.Mismatch mismatch = FrameInterval.confirmed(state.intervalMismatchStreak);
        if (mismatch == FrameInterval.Mismatch.NONE || state.intervalMismatchReported) {
            return;
        }
        state.intervalMismatchReported = true;
        metrics.intervalMismatch(model.name(), model.version(), mismatch == FrameInterval.Mismatch.LONGER);
        String what;
        if (mismatch == FrameInterval.Mismatch.LONGER) {
            what = "longer than the model's: each frame advances its temporal head by steps it was not trained on;"
                    + " expect lower accuracy, or use a model trained at this interval";
        } else if (tuning.interval().resamples(gap, nominal)) {
            what = "shorter than the model's: resampled, the head advances about every "
                    + minutes(gap * Math.max(1, Math.round(nominal / gap))) + " min and every frame is still classified";
        } else {
            what = (tuning.interval().resample() ? "shorter than the model's but too close to it to resample"
                    : "shorter than the model's and model.interval.resample=false")
                    + ": every frame advances its temporal head by a step shorter than it was trained on; expect"
                    + " lower accuracy";
        }
        log.warn("Embryo {} ({}): frames every {} min, model {} {} was trained on {} min frames; {}", id,
                tp.displayLabel(), minutes(gap), model.name(), model.version(), minutes(nominal), what);
    }

    private static String minutes(double hours) {
        return String.format(java.util.Locale.ROOT, "%.1f", hours * 60);
    }

    /**
     * Periodic scan of this task's embryos: ended embryos past the grace period (released), stalled
     * live streams (no frame for the configured number of nominal intervals, wall clock), embryos and
     * released markers inactive past the timeout (deleted), and the active-embryo gauge.
     */
    void housekeeping(long now) {
        List<KeyValue<String, EmbryoState>> ended = new ArrayList<>();
        List<KeyValue<String, EmbryoState>> inactive = new ArrayList<>();
        List<Stalled> stalledStreams = new ArrayList<>();
        long count = 0;
        try (KeyValueIterator<String, EmbryoState> it = embryos.all()) {
            while (it.hasNext()) {
                KeyValue<String, EmbryoState> kv = it.next();
                EmbryoState s = kv.value;
                long silentMillis = now - s.lastActivityWallMillis();
                if (silentMillis > tuning.lifetime().inactivityTimeout().toMillis()) {
                    inactive.add(kv);
                    continue;
                }
                if (s.released) {
                    continue;
                }
                count++;
                if (s.endRequested) {
                    ended.add(kv);
                } else {
                    stalled.check(s.live, s.stalledRaisedSinceLastFrame(), s.nominalIntervalMinutes, silentMillis,
                                    s.highWaterMark)
                            .ifPresent(a -> stalledStreams.add(new Stalled(kv.key, s, a)));
                }
            }
        }
        for (Stalled st : stalledStreams) {
            EmbryoState s = st.state();
            double hours = s.decoderState.length == 0 ? 0 : DecoderState.fromBytes(s.decoderState).lastHours();
            emitAlert(st.id(), s.displayLabel, s.lastEmitted, hours, modelOf(s), st.alert(), now);
            s.stalledAlertAtFrameWallMillis = s.lastFrameWallMillis;
            embryos.put(st.id(), s);
        }
        for (KeyValue<String, EmbryoState> kv : inactive) {
            if (kv.value.released) {
                embryos.delete(kv.key);
            } else {
                release.release(kv.key, kv.value, now, false);
                count--;
            }
        }
        for (KeyValue<String, EmbryoState> kv : ended) {
            if (release.releaseIfDue(kv.key, kv.value, now)) {
                count--;
            }
        }
        metrics.activeEmbryos(inbox.taskId(), count);
    }

    private record Stalled(String id, EmbryoState state, AlertRules.Raised alert) {
    }

    private void emitTransition(String id, String label, int confirmedAt, ModelMetadata model,
                                StageDecoder.Confirmation c, long now) {
        context.forward(new Record<>(id, OutputEvents.transition(id, label, confirmedAt, model, c, now), now),
                wiring.transitionsChild());
        metrics.transition();
    }

    private void emitAlert(String id, String label, int timePoint, double hours, ModelMetadata model,
                           AlertRules.Raised a, long now) {
        context.forward(new Record<>(id, OutputEvents.alert(id, label, timePoint, hours, model, a, now), now),
                wiring.alertsChild());
        metrics.alert(a.type());
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.forget(inbox);
            metrics.taskClosed(inbox.taskId());
        }
    }
}
