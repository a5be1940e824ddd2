package io.embryostream.classifier.embryo;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.LifecycleState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records what the lifecycle topic says of an embryo in its state: STARTED its live-source facts
 * (a released embryo starts a new culture from nothing), ENDED or WITHDRAWN that its culture is
 * over. Releasing it, once the grace period has passed and nothing of it is pending, is inference's.
 */
public final class EmbryoLifecycleRecorder implements Processor<String, EmbryoLifecycle, Void, Void> {

    private final String embryoStoreName;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, EmbryoState> embryos;

    public EmbryoLifecycleRecorder(String embryoStoreName) {
        this.embryoStoreName = embryoStoreName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.embryos = context.getStateStore(embryoStoreName);
    }

    @Override
    public void process(Record<String, EmbryoLifecycle> record) {
        String id = record.key();
        EmbryoLifecycle l = record.value();
        EmbryoState state = embryos.get(id);
        long now = context.currentSystemTimeMs();
        if (l.getState() == LifecycleState.STARTED) {
            if (state == null || state.released) {
                state = new EmbryoState(); // a new culture: a new record
                state.displayLabel = l.getDisplayLabel();
                state.startedWallMillis = now;
            }
            state.live = l.getLive();
            state.nominalIntervalMinutes = l.getNominalIntervalMinutes() == null ? 0 : l.getNominalIntervalMinutes();
            embryos.put(id, state);
        } else if (state != null && !state.released && !state.endRequested) {
            state.endRequested = true;
            state.endRequestedWallMillis = now;
            embryos.put(id, state);
        }
    }
}
