package io.embryostream.classifier.assemble;

import io.embryostream.classifier.embryo.EmbryoState;
import io.embryostream.classifier.embryo.EmbryoStore;
import io.embryostream.classifier.embryo.StoreKeys;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.intake.AcceptedFrame;
import io.embryostream.classifier.intake.DeadLetters;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Assembles time points: the frames of one embryo and frame index across the planes its model
 * reads. Planes the model does not read are counted and dropped. Per embryo a high-water mark of
 * the last accepted time point replaces any set of seen ids: a frame at or below it is late (a
 * duplicate or out of order) and becomes a {@code LATE} dead letter. A time point missing a plane
 * is completed, with the nearest plane it has standing in and the flag {@code PLANE_SUBSTITUTED},
 * once the embryo's frames have moved {@code timeoutHours} of culture past it or a later time
 * point completes (time points leave in order).
 */
public final class TimePointAssembler implements Processor<String, AcceptedFrame, String, Object> {

    public static final String PLANE_SUBSTITUTED = "PLANE_SUBSTITUTED";

    private final String embryoStoreName;
    private final String planeStoreName;
    private final ModelRegistry models;
    private final ClassifierMetrics metrics;
    private final double timeoutHours;
    private final String readyChild;
    private final String deadLetterChild;
    private ProcessorContext<String, Object> context;
    private EmbryoStore embryos;
    private KeyValueStore<String, byte[]> planes;

    public TimePointAssembler(String embryoStoreName, String planeStoreName, ModelRegistry models,
                              ClassifierMetrics metrics, double timeoutHours, String readyChild,
                              String deadLetterChild) {
        this.embryoStoreName = embryoStoreName;
        this.planeStoreName = planeStoreName;
        this.models = models;
        this.metrics = metrics;
        this.timeoutHours = timeoutHours;
        this.readyChild = readyChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.embryos = new EmbryoStore(context.getStateStore(embryoStoreName));
        this.planes = context.getStateStore(planeStoreName);
    }

    @Override
    public void process(Record<String, AcceptedFrame> record) {
        String id = record.key();
        FrameEvent e = record.value().event();
        EmbryoState state = embryos.get(id);
        if (state == null) {
            state = new EmbryoState();
            state.modelVersion = models.newest().version();
        }
        state.displayLabel = e.getDisplayLabel();
        state.lastFrameWallMillis = context.currentSystemTimeMs();
        state.lastRecordTimestamp = record.timestamp();
        state.stalledRaised = false;
        ModelMetadata model = models.version(state.modelVersion).orElse(models.newest());
        List<Integer> used = model.planes();
        int tp = e.getTimePoint();
        if (!used.contains(e.getFocalPlane())) {
            metrics.unusedPlane();
        } else if (tp <= state.highWaterMark) {
            late(record, tp, state.highWaterMark);
        } else if (used.size() == 1) {
            ready(record, single(record.value()), state);
        } else {
            collect(record, state, used);
        }
        embryos.put(id, state);
    }

    private void collect(Record<String, AcceptedFrame> record, EmbryoState state, List<Integer> used) {
        String id = record.key();
        FrameEvent e = record.value().event();
        String key = StoreKeys.plane(id, e.getTimePoint(), e.getFocalPlane());
        if (planes.get(key) != null) {
            late(record, e.getTimePoint(), state.highWaterMark);
            return;
        }
        planes.put(key, single(record.value()).toBytes());
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting = waiting(id);
        TreeMap<Integer, ReadyTimePoint> current = waiting.get(e.getTimePoint());
        boolean complete = current.keySet().containsAll(used);
        for (var entry : waiting.entrySet()) {
            int t = entry.getKey();
            boolean timedOut = entry.getValue().firstEntry().getValue().hours()
                    <= e.getHoursPostInsemination() - timeoutHours;
            boolean olderThanComplete = complete && t < e.getTimePoint();
            if (t == e.getTimePoint() ? complete : (timedOut || olderThanComplete)) {
                ReadyTimePoint merged = merge(entry.getValue(), used);
                if (merged.flags().contains(PLANE_SUBSTITUTED)) {
                    metrics.planeSubstituted(); // a three-plane model on one plane loses most of its accuracy
                }
                ready(record, merged, state);
                for (Integer plane : entry.getValue().keySet()) {
                    planes.delete(StoreKeys.plane(id, t, plane));
                }
            }
        }
    }

    /** The embryo's partial time points: time point → plane → frame. */
    private TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting(String id) {
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> out = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = planes.range(StoreKeys.embryoFrom(id), StoreKeys.embryoTo(id))) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String k = kv.key;
                int plane = Integer.parseInt(k.substring(k.lastIndexOf('|') + 1));
                out.computeIfAbsent(StoreKeys.timePointOf(k), x -> new TreeMap<>())
                        .put(plane, ReadyTimePoint.fromBytes(kv.value));
            }
        }
        return out;
    }

    /** One time point from its planes, the nearest present plane standing in for a missing one. */
    static ReadyTimePoint merge(TreeMap<Integer, ReadyTimePoint> byPlane, List<Integer> used) {
        byte[][] pngs = new byte[used.size()][];
        List<String> flags = new ArrayList<>();
        ReadyTimePoint any = byPlane.firstEntry().getValue();
        for (int i = 0; i < used.size(); i++) {
            int want = used.get(i);
            ReadyTimePoint f = byPlane.get(want);
            if (f == null) {
                Integer below = byPlane.floorKey(want);
                Integer above = byPlane.ceilingKey(want);
                int nearest = below == null ? above : above == null ? below
                        : (want - below <= above - want ? below : above);
                f = byPlane.get(nearest);
                if (!flags.contains(PLANE_SUBSTITUTED)) {
                    flags.add(PLANE_SUBSTITUTED);
                }
            }
            pngs[i] = f.pngsForStore()[0];
        }
        return new ReadyTimePoint(any.embryoId(), any.displayLabel(), any.timePoint(), any.hours(), any.ingestTime(),
                any.acquisitionTime(), flags, pngs, null);
    }

    private static ReadyTimePoint single(AcceptedFrame f) {
        FrameEvent e = f.event();
        Instant acq = e.getAcquisitionTime();
        return new ReadyTimePoint(e.getEmbryoId(), e.getDisplayLabel(), e.getTimePoint(), e.getHoursPostInsemination(),
                e.getIngestTime().toEpochMilli(), acq == null ? -1 : acq.toEpochMilli(), List.of(),
                new byte[][] {f.png()}, new byte[][] {f.gray8()});
    }

    private void ready(Record<String, AcceptedFrame> record, ReadyTimePoint tp, EmbryoState state) {
        state.highWaterMark = Math.max(state.highWaterMark, tp.timePoint());
        embryos.put(record.key(), state); // inference reads the embryo's state when it queues the time point
        context.forward(record.withValue((Object) tp), readyChild);
    }

    private void late(Record<String, AcceptedFrame> record, int tp, int hwm) {
        metrics.deadLetter(DeadLetterReason.LATE);
        context.forward(record.withValue((Object) DeadLetters.of(DeadLetterReason.LATE,
                "time point " + tp + " (plane " + record.value().event().getFocalPlane() + ") is at or below the"
                        + " embryo's high-water mark " + hwm + ": a duplicate or an out-of-order frame",
                context.recordMetadata().orElse(null), record.key(),
                Topics.FRAMES.codec().encode(record.value().event()), context.currentSystemTimeMs())),
                deadLetterChild);
    }
}
