package io.embryostream.classifier.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.StoreFixtures;
import io.embryostream.frames.CanonicalFrame;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Time points waiting for planes: grouping, taking them whole or with stand-ins, and what a restore sees. */
class PartialTimePointsTest {

    private static final List<Integer> USED = List.of(-15, 0, 15);

    private final KeyValueStore<String, ReadyTimePoint> store = StoreFixtures.store("pending-planes");
    private final PartialTimePoints partial = new PartialTimePoints(store);

    @Test
    void planesAreGroupedByTimePointOldestFirst() {
        partial.add("e", 5, 0, plane("e", 5, 1));
        partial.add("e", 4, 15, plane("e", 4, 2));
        partial.add("e", 4, -15, plane("e", 4, 3));
        partial.add("other", 4, 0, plane("other", 4, 4));

        TreeMap<Integer, TreeMap<Integer, ReadyTimePoint>> waiting = partial.of("e");
        assertThat(waiting.keySet()).containsExactly(4, 5);
        assertThat(waiting.get(4).keySet()).containsExactly(-15, 15);
        assertThat(partial.contains("e", 4, 15)).isTrue();
        assertThat(partial.contains("e", 4, 0)).isFalse();
    }

    @Test
    void aCompleteTimePointIsTakenInTheModelsPlaneOrderWithoutFlag() {
        partial.add("e", 4, 15, plane("e", 4, 2));
        partial.add("e", 4, 0, plane("e", 4, 1));
        partial.add("e", 4, -15, plane("e", 4, 3));

        ReadyTimePoint tp = partial.take(partial.of("e").get(4), USED);
        assertThat(tp.flags()).isEmpty();
        assertThat(tp.gray8()).isDeepEqualTo(new byte[][] {pixels(3), pixels(1), pixels(2)});
        assertThat(partial.of("e")).as("taken planes leave the store").isEmpty();
    }

    @Test
    void aMissingPlaneIsStoodInByTheNearestTiesToTheLowerPlane() {
        partial.add("e", 4, -15, plane("e", 4, 3));
        partial.add("e", 4, 15, plane("e", 4, 2));

        ReadyTimePoint tp = partial.take(partial.of("e").get(4), USED);
        assertThat(tp.flags()).containsExactly(PartialTimePoints.PLANE_SUBSTITUTED);
        assertThat(tp.gray8()).isDeepEqualTo(new byte[][] {pixels(3), pixels(3), pixels(2)});
    }

    @Test
    void afterARestoreThePixelsAreDecodedFromTheStoredPngs() {
        partial.add("e", 4, 0, plane("e", 4, 1));
        PartialTimePoints restored = new PartialTimePoints(store);

        ReadyTimePoint tp = restored.take(restored.of("e").get(4), List.of(0));
        assertThat(tp.gray8()).isDeepEqualTo(new byte[][] {pixels(1)});
        assertThat(tp.embryoId()).isEqualTo("e");
        assertThat(tp.timePoint()).isEqualTo(4);
    }

    private static ReadyTimePoint plane(String embryo, int tp, int seed) {
        byte[] px = pixels(seed);
        return new ReadyTimePoint(embryo, embryo + " P01", tp, tp * 0.25, 1_000L, -1, List.of(),
                new byte[][] {px});
    }

    private static byte[] pixels(int seed) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (seed * 37 + i % 251);
        }
        return px;
    }
}
