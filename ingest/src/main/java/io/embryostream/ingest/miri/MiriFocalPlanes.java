package io.embryostream.ingest.miri;

import java.util.Map;
import java.util.OptionalInt;

/**
 * MIRI focal planes {@code FP1} … {@code FP7} as signed offsets from the central plane, the way
 * Gomez planes are named (FORMATS.md: "central plane = 0"). MIRI's own spacing was not seen in
 * a real export; this table assumes seven planes with the central one {@code FP4}, spaced like
 * the Gomez set (15 units). The original project used FP3 only, which is offset −15 here. The
 * table is the one place to change if a clinic's instrument differs (docs/export-formats.md).
 */
public final class MiriFocalPlanes {

    /** FPn → signed plane offset. */
    public static final Map<Integer, Integer> OFFSET_BY_FOCAL_PLANE = Map.of(
            1, -45, 2, -30, 3, -15, 4, 0, 5, 15, 6, 30, 7, 45);

    private MiriFocalPlanes() {
    }

    /** The signed offset of {@code FP<focalPlane>}, empty when the table has no such plane. */
    public static OptionalInt offsetOf(int focalPlane) {
        Integer offset = OFFSET_BY_FOCAL_PLANE.get(focalPlane);
        return offset == null ? OptionalInt.empty() : OptionalInt.of(offset);
    }

    /** The FP number of a signed offset, empty when the table has no such offset. */
    public static OptionalInt focalPlaneOf(int offset) {
        return OFFSET_BY_FOCAL_PLANE.entrySet().stream()
                .filter(e -> e.getValue() == offset)
                .mapToInt(Map.Entry::getKey)
                .findFirst();
    }
}
