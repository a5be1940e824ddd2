package io.embryostream.synthetic.export;

/**
 * When the frames of a synthetic export were taken: frame {@code k} (1-based) at {@code k}
 * intervals after insemination, the convention the ingest reads back for exports whose hours come
 * from the frame interval (MIRI: 5 minutes, so an annotation at h hours is frame ceil(12 h)).
 *
 * @param frames           frames per well and plane
 * @param minutesPerFrame  the incubator's interval
 */
public record FrameSchedule(int frames, double minutesPerFrame) {

    public FrameSchedule {
        if (frames < 1) {
            throw new IllegalArgumentException("need at least one frame, got " + frames);
        }
        if (!(minutesPerFrame > 0) || Double.isInfinite(minutesPerFrame)) {
            throw new IllegalArgumentException("minutes per frame must be positive, got " + minutesPerFrame);
        }
    }

    /**
     * The planes of a multi-plane export's options, checked with its schedule.
     *
     * @return an unmodifiable copy of {@code planes}
     */
    static java.util.List<Integer> checkedPlanes(int frames, java.util.List<Integer> planes, double minutesPerFrame) {
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("write at least one focal plane");
        }
        new FrameSchedule(frames, minutesPerFrame);
        return java.util.List.copyOf(planes);
    }

    /** Hours post-insemination of frame {@code k}. */
    public double hoursAt(int frame) {
        return frame * minutesPerFrame / 60;
    }

    /**
     * The onsets an embryologist can annotate on this recording: those up to its last frame (an event
     * after the video ends was never seen, and the ingest reports an onset beyond the recording).
     */
    public io.embryostream.staging.Onsets seen(io.embryostream.staging.Onsets drawn) {
        if (drawn.isRapidAnnotation()) {
            return drawn;
        }
        java.util.Map<io.embryostream.staging.Phase, Double> kept = new java.util.EnumMap<>(io.embryostream.staging.Phase.class);
        drawn.asMap().forEach((phase, hours) -> {
            if (hours <= hoursAt(frames)) {
                kept.put(phase, hours);
            }
        });
        return io.embryostream.staging.Onsets.of(kept);
    }
}
