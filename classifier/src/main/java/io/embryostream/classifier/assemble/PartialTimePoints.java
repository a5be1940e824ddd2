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
 * The store holds the frames' pixels ({@link ReadyTimePoint}), so nothing is decoded twice.
 */
public final class PartialTimePoints {

    public static final String PLANE_SUBSTITUTED = "PLANE_SUBSTITUTED";
    private final KeyValueStore<String, ReadyTimePoint> store;

    public PartialTimePoints(KeyValueStore<String, ReadyTimePoint> store) {
        this.store = store;
    }

    public boolean contains(String embryoId, int timePoint, int plane) {
        String key = StoreKeys.plane(embryoId, timePoint, plane);
        // a range's hasNext() reads no value: a 64 KB frame is not deserialized to learn that it is there
        try (KeyValueIterator<String, ReadyTimePoint> it = store.range(key, key)) {
            return it.hasNext();
        }
    }

    /** Whether any of the embryo's planes are waiting (reads no value). */
    public boolean hasAny(String embryoId) {
        try (KeyValueIterator<String, ReadyTimePoint> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
            return it.hasNext();
        }
    }

    /** Stores one plane's frame (a single-plane time point). */
    public void add(String embryoId, int timePoint, int plane, ReadyTimePoint frame) {
        store.put(StoreKeys.plane(embryoId, timePoint, plane), frame);
    }

    /** The embryos with planes waiting. */
    public java.util.Set<String> embryos() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        try (KeyValueIterator<String, ReadyTimePoint> it = store.all()) {
            it.forEachRemaining(kv -> ids.add(kv.key.substring(0, kv.key.indexOf('|'))));
        }
        return ids;
    }

    /** The embryo's partial time points, oldest first: time point → plane → frame. */
    public TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> of(String embryoId) {
        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> out = new TreeMap<>();
        try (KeyValueIterator<String, ReadyTimePoint> it = store.range(StoreKeys.embryoFrom(embryoId),
                StoreKeys.embryoTo(embryoId))) {
            while (it.hasNext()) {
                KeyValue<String, ReadyTimePoint> kv = it.next();
                String k = kv.key;
                int plane = Integer.parseInt(k.substring(k.lastIndexOf('|') + 1));
                out.computeIfAbsent(StoreKeys.timePointOf(k), x -> new TreeMap<>()).put(plane, kv.value);
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
            String key = StoreKeys.plane(merged.embryoId(), merged.timePoint(), plane);
            store.delete(key);
        }
        return merged;
    }

    static ReadyTimePoint merge(TreeMap<Integer, ReadyTimePoint> byPlane, List<Integer> used) {
        byte[][] pixels = new byte[used.size()][];
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
            pixels[i] = f.gray8()[0];
        }
        return new ReadyTimePoint(any.embryoId(), any.displayLabel(), any.timePoint(), any.hours(), any.ingestTime(),
                any.acquisitionTime(), flags, pixels);
    }
}
