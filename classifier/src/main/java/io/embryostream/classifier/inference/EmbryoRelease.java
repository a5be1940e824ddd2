package io.embryostream.classifier.inference;

import io.embryostream.classifier.assemble.ReadyTimePoint;
import io.embryostream.classifier.decode.DecoderState;
import io.embryostream.classifier.decode.StageDecoder;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.state.EmbeddingValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Ends an embryo's stay in the classifier: an ended one once the grace period has passed since
 * both its end and its last frame and nothing of it is pending (the assembler completes its time
 * points still missing planes, which are then classified first); an inactive one after the
 * timeout. What the decoder's lag window still holds is confirmed, its pending time points and
 * embeddings are deleted (the changelogs get tombstones; the assembler deletes waiting planes), and
 * an ended embryo leaves its {@link EmbryoState#releasedMarker() marker}.
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
    private final TaskInbox inbox;
    private final Function<EmbryoState, ModelMetadata> modelOf;
    private final Function<ModelMetadata, StageDecoder> decoderOf;
    private final Transitions transitions;
    private final Duration endGrace;

    EmbryoRelease(KeyValueStore<String, EmbryoState> embryos, KeyValueStore<String, ReadyTimePoint> pending,
                  KeyValueStore<String, ReadyTimePoint> planes, KeyValueStore<String, EmbeddingValue> embeddings,
                  TaskInbox inbox, Function<EmbryoState, ModelMetadata> modelOf,
                  Function<ModelMetadata, StageDecoder> decoderOf, Transitions transitions, Duration endGrace) {
        this.embryos = embryos;
        this.pending = pending;
        this.planes = planes;
        this.embeddings = embeddings;
        this.inbox = inbox;
        this.modelOf = modelOf;
        this.decoderOf = decoderOf;
        this.transitions = transitions;
        this.endGrace = endGrace;
    }

    /**
     * Releases an ended embryo when it is due: it waits while time points are in flight, pending or
     * still missing planes.
     *
     * @return whether it was released
     */
    boolean releaseIfDue(String id, EmbryoState state, long now) {
        if (!state.endRequested || state.released
                || now - Math.max(state.endRequestedWallMillis, state.lastFrameWallMillis) < endGrace.toMillis()
                || inbox.inFlight(id) || any(pending, id) || any(planes, id)) {
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
        deleteRange(embeddings, id);
        if (keepMarker) {
            embryos.put(id, state.releasedMarker());
        } else {
            embryos.delete(id);
        }
    }

    /** Whether the store holds an entry of the embryo. */
    private static boolean any(KeyValueStore<String, ReadyTimePoint> store, String id) {
        try (KeyValueIterator<String, ReadyTimePoint> it = store.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
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
