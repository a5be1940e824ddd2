package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.PartialTimePoints;
import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.decode.DecoderState;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.state.EmbeddingValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Ends an embryo's stay in the classifier: an ended one once the grace period has passed since
 * both its end and its last frame and nothing of it is queued (time points still missing planes
 * are completed with stand-ins and classified first); an inactive one after the timeout. What the
 * decoder's lag window still holds is confirmed, every entry of the embryo is deleted (the
 * changelogs get tombstones), and an ended embryo leaves its {@link EmbryoState#releasedMarker() marker}.
 */
final class EmbryoRelease {

    /** Where release sends what it confirms: the transitions of the lag window. */
    interface Transitions {
        void emit(String id, String label, int confirmedAt, ModelMetadata model, StageDecoder.Confirmation c, long now);
    }

    private final KeyValueStore<String, EmbryoState> embryos;
    private final KeyValueStore<String, ReadyTimePoint> pending;
    private final KeyValueStore<String, ReadyTimePoint> planes;
    private final KeyValueStore<String, EmbeddingValue> embeddings;
    private final PartialTimePoints partial;
    private final TaskInbox inbox;
    private final Function<EmbryoState, ModelMetadata> modelOf;
    private final Function<ModelMetadata, StageDecoder> decoderOf;
    private final Consumer<ReadyTimePoint> accept;
    private final Transitions transitions;
    private final ClassifierMetrics metrics;
    private final Duration endGrace;

    EmbryoRelease(KeyValueStore<String, EmbryoState> embryos, KeyValueStore<String, ReadyTimePoint> pending,
                  KeyValueStore<String, ReadyTimePoint> planes, KeyValueStore<String, EmbeddingValue> embeddings,
                  TaskInbox inbox, Function<EmbryoState, ModelMetadata> modelOf,
                  Function<ModelMetadata, StageDecoder> decoderOf, Consumer<ReadyTimePoint> accept,
                  Transitions transitions, ClassifierMetrics metrics, Duration endGrace) {
        this.embryos = embryos;
        this.pending = pending;
        this.planes = planes;
        this.embeddings = embeddings;
        this.partial = new PartialTimePoints(planes);
        this.inbox = inbox;
        this.modelOf = modelOf;
        this.decoderOf = decoderOf;
        this.accept = accept;
        this.transitions = transitions;
        this.metrics = metrics;
        this.endGrace = endGrace;
    }

    /**
     * Releases an ended embryo when it is due; time points still missing planes get no more frames,
     * so they are completed and queued now and the release waits for their results.
     *
     * @return whether it was released
     */
    boolean releaseIfDue(String id, EmbryoState state, long now) {
        if (!state.endRequested || state.released
                || now - Math.max(state.endRequestedWallMillis, state.lastFrameWallMillis) < endGrace.toMillis()
                || inbox.inFlight(id) || hasPending(id) || completePartialTimePoints(id, state)) {
            return false;
        }
        release(id, state, now, true);
        return true;
    }

    /** Releases the embryo now; {@code keepMarker} for an ended embryo, which refuses later frames. */
    void release(String id, EmbryoState state, long now, boolean keepMarker) {
        if (state.decoderState.length > 0) {
            ModelMetadata model = modelOf.apply(state);
            DecoderState ds = DecoderState.fromBytes(state.decoderState);
            for (StageDecoder.Confirmation c : decoderOf.apply(model).flush(ds)) {
                transitions.emit(id, state.displayLabel, state.lastEmitted, model, c, now);
            }
        }
        deleteRange(pending, id);
        deleteRange(planes, id);
        deleteRange(embeddings, id);
        if (keepMarker) {
            embryos.put(id, state.releasedMarker());
        } else {
            embryos.delete(id);
        }
    }

    /** @return whether any time point was completed (and queued) */
    private boolean completePartialTimePoints(String id, EmbryoState state) {
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting = partial.of(id);
        if (waiting.isEmpty()) {
            return false;
        }
        List<Integer> used = modelOf.apply(state).planes();
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
        completed.forEach(accept);
        return true;
    }

    private boolean hasPending(String id) {
        try (KeyValueIterator<String, ReadyTimePoint> it = pending.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
            return it.hasNext();
        }
    }

    private static <V> void deleteRange(KeyValueStore<String, V> store, String id) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }
}
