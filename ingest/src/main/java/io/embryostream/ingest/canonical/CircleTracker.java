package io.embryostream.ingest.canonical;

import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one stream's embryo circle: searched on the first frame, re-checked every
 * {@code recheckEvery} frames (the dish can shift a little, but the Hough search costs more than
 * the crop), and, when a re-check finds nothing (blank frame, lamp off, bubble), the last good
 * circle is kept and the fallback counted. Until a first circle is found every frame is searched.
 */
final class CircleTracker {

    private static final Logger log = LoggerFactory.getLogger(CircleTracker.class);

    private final String stream;
    private final EmbryoLocator locator;
    private final int recheckEvery;
    private EmbryoCircle current;
    private long sinceSearch;
    private long frames;
    private long searches;
    private long fallbacks;
    private long misses;

    CircleTracker(String stream, EmbryoLocator locator, int recheckEvery) {
        if (recheckEvery < 1) {
            throw new IllegalArgumentException("recheckEvery must be at least 1, got " + recheckEvery);
        }
        this.stream = stream;
        this.locator = locator;
        this.recheckEvery = recheckEvery;
    }

    /** The circle to crop this frame with. */
    EmbryoCircle circleFor(Mat gray8) throws EmbryoNotFoundException {
        long index = frames++;
        if (current != null && ++sinceSearch < recheckEvery) {
            return current;
        }
        searches++;
        sinceSearch = 0;
        Optional<EmbryoCircle> found = locator.locate(gray8);
        if (found.isPresent()) {
            current = found.get();
            return current;
        }
        if (current == null) {
            misses++;
            throw new EmbryoNotFoundException(stream, index);
        }
        fallbacks++;
        log.warn("{} frame {}: no embryo circle found on re-check, keeping the last one {} ({} fallbacks so far)",
                stream, index, current, fallbacks);
        return current;
    }

    Optional<EmbryoCircle> current() {
        return Optional.ofNullable(current);
    }

    LocatorStats stats() {
        return new LocatorStats(frames, searches, fallbacks, misses);
    }
}
