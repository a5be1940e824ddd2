package io.embryostream.classifier.assemble;

import io.embryostream.classifier.embryo.EmbryoLifetime;
import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.intake.AcceptedFrame;
import io.embryostream.classifier.intake.DeadLetters;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Assembles time points: the frames of one embryo and frame index across the planes its model
 * reads, whether a record brings one plane (a device) or the time point's planes (the ingest, which
 * then passes straight through without touching the store). Planes the model does not read are
 * counted and dropped. Per embryo a high-water mark of
 * the last accepted time point replaces any set of seen ids: a frame at or below it is late (a
 * duplicate or out of order) and becomes a {@code LATE} dead letter. A time point missing a plane
 * is completed, with the nearest plane it has standing in and the flag {@code PLANE_SUBSTITUTED},
 * once the embryo's frames have moved {@code timeoutHours} of culture past it or a later time
 * point completes (time points leave in order). Frames of an embryo whose culture ended and whose
 * state was released become {@code LATE} dead letters: they came after the end grace period.
 */
public final class TimePointAssembler implements Processor<String, AcceptedFrame, String, Object> {

    private final String embryoStoreName;
    private final String planeStoreName;
    private final ModelPlanes models;
    private final ClassifierMetrics metrics;
    private final double timeoutHours;
    private final EmbryoLifetime lifetime;
    private final String readyChild;
    private final String deadLetterChild;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, EmbryoState> embryos;
    private PartialTimePoints partial;

    public TimePointAssembler(String embryoStoreName, String planeStoreName, ModelPlanes models,
                              ClassifierMetrics metrics, double timeoutHours, EmbryoLifetime lifetime,
                              String readyChild, String deadLetterChild) {
        this.embryoStoreName = embryoStoreName;
        this.planeStoreName = planeStoreName;
        this.models = models;
        this.metrics = metrics;
        this.timeoutHours = timeoutHours;
        this.lifetime = lifetime;
        this.readyChild = readyChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.embryos = context.getStateStore(embryoStoreName);
        this.partial = new PartialTimePoints(context.getStateStore(planeStoreName));
        context.schedule(lifetime.housekeepingInterval(), PunctuationType.WALL_CLOCK_TIME, this::completeEnded);
    }

    /**
     * Punctuator: an ended embryo gets no more frames once the grace period has passed since its end
     * and its last frame, so its time points still missing planes are completed now (inference
     * releases it once their results are out); the waiting planes of an embryo inference has
     * released or dropped are deleted.
     */
    void completeEnded(long now) {
        for (String id : partial.embryos()) {
            EmbryoState state = embryos.get(id);
            if (state == null || state.released) {
                partial.of(id).values().forEach(byPlane -> partial.take(byPlane, List.copyOf(byPlane.keySet())));
            } else if (state.endRequested && now - Math.max(state.endRequestedWallMillis, state.lastFrameWallMillis)
                    >= lifetime.endGrace().toMillis()) {
                List<Integer> used = models.planes(state.modelVersion);
                for (TreeMap<Integer, ReadyTimePoint> byPlane : partial.of(id).values()) {
                    ReadyTimePoint merged = partial.take(byPlane, used);
                    if (merged.flags().contains(PartialTimePoints.PLANE_SUBSTITUTED)) {
                        metrics.planeSubstituted();
                    }
                    ready(id, now, merged, state);
                }
            }
        }
    }

    @Override
    public void process(Record<String, AcceptedFrame> record) {
        String id = record.key();
        FrameEvent e = record.value().event();
        EmbryoState state = embryos.get(id);
        if (state != null && state.released) {
            afterRelease(record, state);
            return;
        }
        if (state == null) {
            state = new EmbryoState();
        }
        if (state.modelVersion == null) {
            state.modelVersion = models.newestVersion(); // the model the embryo keeps: the newest at its first frame
        }
        state.displayLabel = e.getDisplayLabel();
        state.lastFrameWallMillis = context.currentSystemTimeMs();
        List<Integer> used = models.planes(state.modelVersion);
        SortedMap<Integer, byte[]> planes = new TreeMap<>(record.value().planes());
        int unused = planes.size();
        planes.keySet().retainAll(used);
        for (unused -= planes.size(); unused > 0; unused--) {
            metrics.unusedPlane();
        }
        int tp = e.getTimePoint();
        if (!planes.isEmpty() && tp <= state.highWaterMark) {
            late(record, tp, state.highWaterMark);
        } else if (planes.size() == used.size() && (used.size() == 1 || !partial.hasAny(id))) {
            // one plane for a one-plane model, or a time point's planes in one record: no store on the way
            ready(record, timePoint(e, used.stream().map(planes::get).toArray(byte[][]::new)), state);
        } else if (!planes.isEmpty()) {
            collect(record, planes, state, used);
        }
        embryos.put(id, state);
    }

    private void collect(Record<String, AcceptedFrame> record, SortedMap<Integer, byte[]> planes, EmbryoState state,
                         List<Integer> used) {
        String id = record.key();
        FrameEvent e = record.value().event();
        for (int plane : planes.keySet()) {
            if (partial.contains(id, e.getTimePoint(), plane)) {
                late(record, e.getTimePoint(), state.highWaterMark);
                return;
            }
        }
        planes.forEach((plane, pixels) -> partial.add(id, e.getTimePoint(), plane, timePoint(e, new byte[][] {pixels})));
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting = partial.of(id);
        boolean complete = waiting.get(e.getTimePoint()).keySet().containsAll(used);
        for (var entry : waiting.entrySet()) {
            int t = entry.getKey();
            boolean timedOut = entry.getValue().firstEntry().getValue().hours()
                    <= e.getHoursPostInsemination() - timeoutHours;
            boolean olderThanComplete = complete && t < e.getTimePoint();
            if (t == e.getTimePoint() ? complete : (timedOut || olderThanComplete)) {
                ReadyTimePoint merged = partial.take(entry.getValue(), used);
                if (merged.flags().contains(PartialTimePoints.PLANE_SUBSTITUTED)) {
                    metrics.planeSubstituted(); // a three-plane model on one plane loses most of its accuracy
                }
                ready(record, merged, state);
            }
        }
    }

    /** The event's time point with the given frames, in the model's plane order. */
    private static ReadyTimePoint timePoint(FrameEvent e, byte[][] gray8) {
        Instant acq = e.getAcquisitionTime();
        return new ReadyTimePoint(e.getEmbryoId(), e.getDisplayLabel(), e.getTimePoint(), e.getHoursPostInsemination(),
                e.getIngestTime().toEpochMilli(), acq == null ? -1 : acq.toEpochMilli(), List.of(), gray8);
    }

    private void ready(Record<String, AcceptedFrame> record, ReadyTimePoint tp, EmbryoState state) {
        ready(record.key(), record.timestamp(), tp, state);
    }

    private void ready(String id, long timestamp, ReadyTimePoint tp, EmbryoState state) {
        state.highWaterMark = Math.max(state.highWaterMark, tp.timePoint());
        embryos.put(id, state); // inference reads the embryo's state when it queues the time point
        context.forward(new Record<>(id, (Object) tp, timestamp), readyChild);
    }

    private void late(Record<String, AcceptedFrame> record, int tp, int hwm) {
        late(record, "time point " + tp + " (planes " + record.value().planes().keySet() + ") is at or below the"
                + " embryo's high-water mark " + hwm + ": a duplicate or an out-of-order frame");
    }

    private void afterRelease(Record<String, AcceptedFrame> record, EmbryoState state) {
        FrameEvent e = record.value().event();
        late(record, "time point " + e.getTimePoint() + " (planes " + record.value().planes().keySet() + ") arrived after the embryo's"
                + " culture ended and its state was released (last classified time point " + state.lastEmitted
                + "); if frames lag ENDED by more than the grace period, raise embryo.end.grace.seconds");
    }

    private void late(Record<String, AcceptedFrame> record, String message) {
        metrics.deadLetter(DeadLetterReason.LATE);
        DeadLetter d = DeadLetters.of(DeadLetterReason.LATE, message, context.recordMetadata().orElse(null), record.key(),
                Topics.FRAMES.codec().encode(record.value().event()), context.currentSystemTimeMs());
        context.forward(record.withValue((Object) d).withHeaders(DeadLetters.connectHeaders(d, null)), deadLetterChild);
    }
}
