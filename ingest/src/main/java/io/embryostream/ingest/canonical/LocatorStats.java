package io.embryostream.ingest.canonical;

/**
 * Counters of one stream's embryo tracking.
 *
 * @param frames    frames seen
 * @param searches  Hough searches run (first frame, every re-check, and every frame until a first circle is found)
 * @param fallbacks searches that found nothing, where the last good circle was used instead
 * @param misses    frames with no circle at all (before any circle was found): not brought to canonical form
 */
public record LocatorStats(long frames, long searches, long fallbacks, long misses) {
}
