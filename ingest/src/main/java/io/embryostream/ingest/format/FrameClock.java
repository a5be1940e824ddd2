package io.embryostream.ingest.format;

import io.embryostream.schemas.HpiSource;

import java.util.OptionalDouble;

/** Hours post-insemination of a source's frames, and where the figure comes from. */
public interface FrameClock {

    /** Hours of frame {@code frame} (1-based), empty where the source gives none. */
    OptionalDouble hoursAt(int frame);

    HpiSource source();

    /** The last frame the clock has hours for, where it lists frames (a time file); empty for an interval. */
    default java.util.OptionalInt lastFrame() {
        return java.util.OptionalInt.empty();
    }

    /** The file the hours come from (a time file), for reports naming it; empty for a nominal interval. */
    default java.util.Optional<java.nio.file.Path> file() {
        return java.util.Optional.empty();
    }

    /** The nominal minutes between frames, where known (lifecycle events carry it for stalled-stream alerts). */
    OptionalDouble nominalIntervalMinutes();

    /** Frame {@code k} at {@code k} intervals after insemination (MIRI: 5 minutes, so an annotation at h hours is frame ceil(12 h)). */
    static FrameClock interval(double minutesPerFrame) {
        if (!(minutesPerFrame > 0) || Double.isInfinite(minutesPerFrame)) {
            throw new IllegalArgumentException("the frame interval must be a positive number of minutes, was " + minutesPerFrame);
        }
        return new FrameClock() {
            @Override
            public OptionalDouble hoursAt(int frame) {
                return OptionalDouble.of(frame * minutesPerFrame / 60);
            }

            @Override
            public HpiSource source() {
                return HpiSource.FRAME_INTERVAL;
            }

            @Override
            public OptionalDouble nominalIntervalMinutes() {
                return OptionalDouble.of(minutesPerFrame);
            }
        };
    }
}
