package io.embryostream.classifier.assemble;

import io.embryostream.classifier.embryo.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames of time points that do not yet have every plane their model reads, in the changelogged
 * pending-planes store. The assembler fills it and completes a time point when it can; inference
 * completes what is left when an ended embryo is released, so a frame that arrived is never dropped.
 */
public final class PartialTimePoints {

    public static final String PLANE_SUBSTITUTED = "PLANE_SUBSTITUTED";

    private final KeyValueStore<String, byte[]> store;

    public PartialTimePoints(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    public boolean contains(String embryoId, int timePoint, int plane) {
        return store.get(StoreKeys.plane(embryoId, timePoint, plane)) != null;
    }

    public void add(String embryoId, int timePoint, int plane, ReadyTimePoint frame) {
        store.put(StoreKeys.plane(embryoId, timePoint, plane), frame.toBytes());
    }

    /** The embryo's partial time points, oldest first: time point → plane → frame. */
    public TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> of(String embryoId) {
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> out = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
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

    /**
     * Removes one time point's frames from the store and returns the time point with the planes in
     * {@code used} order, the nearest present plane standing in for a missing one (ties to the lower
     * plane, as the trainer's {@code stand_in_planes}) and the flag {@link #PLANE_SUBSTITUTED}.
     */
    public ReadyTimePoint take(TreeMap<Integer, ReadyTimePoint> byPlane, List<Integer> used) {
        ReadyTimePoint merged = merge(byPlane, used);
        for (Integer plane : byPlane.keySet()) {
            store.delete(StoreKeys.plane(merged.embryoId(), merged.timePoint(), plane));
        }
        return merged;
    }

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
}
