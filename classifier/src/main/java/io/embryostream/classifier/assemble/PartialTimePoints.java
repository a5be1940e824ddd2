package io.embryostream.classifier.assemble;

import io.embryostream.classifier.embryo.StoreKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames of time points that do not yet have every plane their model reads, in the changelogged
 * pending-planes store. The assembler fills it and completes a time point when it can; inference
 * completes what is left when an ended embryo is released, so a frame that arrived is never dropped.
 *
 * <p>The store holds PNG bytes; the frames' decoded pixels are kept beside it in memory for the few time points
 * in assembly, so a completed time point reaches inference decoded: decoding each plane again cost as much
 * CPU per frame as the decode at intake. After a restore or an eviction the pixels are decoded from the PNGs.
 */
public final class PartialTimePoints {

    public static final String PLANE_SUBSTITUTED = "PLANE_SUBSTITUTED";
    /** Decoded frames kept per task (64 KiB each): frames of one time point arrive together, so few wait. */
    private static final int DECODED_FRAMES_KEPT = 64;

    private final KeyValueStore<String, ReadyTimePoint> store;
    private final Map<String, byte[]> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > DECODED_FRAMES_KEPT;
        }
    };

    public PartialTimePoints(KeyValueStore<String, ReadyTimePoint> store) {
        this.store = store;
    }

    public boolean contains(String embryoId, int timePoint, int plane) {
        String key = StoreKeys.plane(embryoId, timePoint, plane);
        // a range's hasNext() reads no value: a 40 KB frame is not decoded to learn that it is there
        try (KeyValueIterator<String, ReadyTimePoint> it = store.range(key, key)) {
            return it.hasNext();
        }
    }

    /** Stores one plane's frame (a single-plane time point), keeping its decoded pixels if it has them. */
    public void add(String embryoId, int timePoint, int plane, ReadyTimePoint frame) {
        String key = StoreKeys.plane(embryoId, timePoint, plane);
        store.put(key, frame);
        byte[][] pixels = frame.decodedOrNull();
        if (pixels != null) {
            decoded.put(key, pixels[0]);
        }
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
                ReadyTimePoint frame = kv.value;
                byte[] pixels = decoded.get(k);
                if (pixels != null) {
                    frame = frame.withDecoded(new byte[][] {pixels});
                }
                out.computeIfAbsent(StoreKeys.timePointOf(k), x -> new TreeMap<>()).put(plane, frame);
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
            decoded.remove(key);
        }
        return merged;
    }

    static ReadyTimePoint merge(TreeMap<Integer, ReadyTimePoint> byPlane, List<Integer> used) {
        byte[][] pngs = new byte[used.size()][];
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
            pngs[i] = f.pngsForStore()[0];
            byte[][] d = f.decodedOrNull();
            if (pixels != null && d != null) {
                pixels[i] = d[0];
            } else {
                pixels = null; // inference decodes the PNGs
            }
        }
        return new ReadyTimePoint(any.embryoId(), any.displayLabel(), any.timePoint(), any.hours(), any.ingestTime(),
                any.acquisitionTime(), flags, pngs, pixels);
    }
}
