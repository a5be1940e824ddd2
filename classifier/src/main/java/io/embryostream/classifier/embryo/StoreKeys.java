package io.embryostream.classifier.embryo;

/**
 * Keys of the per-time-point stores: {@code <embryoId>|<time point, zero-padded>[|<plane>]}, so
 * one embryo's entries sort by time point and a prefix range scan finds them without a full scan.
 */
public final class StoreKeys {

    private StoreKeys() {
    }

    public static String timePoint(String embryoId, int timePoint) {
        return embryoId + "|" + String.format("%010d", timePoint);
    }

    public static String plane(String embryoId, int timePoint, int plane) {
        return timePoint(embryoId, timePoint) + "|" + String.format("%+04d", plane);
    }

    /** The smallest key of the embryo's entries (inclusive range start). */
    public static String embryoFrom(String embryoId) {
        return embryoId + "|";
    }

    /** Just above every key of the embryo's entries ('}' sorts after '|'). */
    public static String embryoTo(String embryoId) {
        return embryoId + "}";
    }

    public static int timePointOf(String key) {
        int a = key.indexOf('|');
        int b = key.indexOf('|', a + 1);
        return Integer.parseInt(b < 0 ? key.substring(a + 1) : key.substring(a + 1, b));
    }
}
