package io.embryostream.synthetic.simulate;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.embryo.RealTimelines;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a synthetic incubator run is made of. The run is deterministic in all but wall-clock times:
 * the same config publishes the same keys, frame ids, pixels and ground truth.
 *
 * @param speed          culture time per wall time (600: ten culture hours per wall minute)
 * @param planes         focal planes to publish, signed offsets from the central plane
 * @param rates          abnormality rates of sampled timelines (ignored when replaying)
 * @param realTimelines  a folder of Gomez {@code <embryo>_phases.csv} files to replay instead of sampling, or null
 * @param threads        render threads
 * @param badRecords     malformed frames to publish among the good ones, to show the classifier's dead-letter path
 * @param ids            the clinic's embryo-id hashing (its secret never appears in this record's text)
 */
public record IncubatorConfig(IncubatorLayout layout, CultureSchedule schedule, double speed, List<Integer> planes,
                              long seed, TimelineSampler.Rates rates, Path realTimelines, int threads, int badRecords,
                              EmbryoIds ids) {

    /**
     * Keys synthetic embryo ids when no clinic secret is configured: synthetic embryos belong to no patient, so a
     * published secret costs no privacy; real clinics set {@code clinic.secret}.
     */
    public static final String SYNTHETIC_SECRET = "embryo-stream-synthetic-incubator";

    public IncubatorConfig {
        planes = List.copyOf(planes);
        if (planes.isEmpty() || planes.stream().distinct().count() != planes.size()) {
            throw new IllegalArgumentException("focal planes must be given once each and at least one, got " + planes);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        if (threads < 1 || badRecords < 0) {
            throw new IllegalArgumentException("threads must be at least 1 and bad records not negative, got "
                    + threads + " and " + badRecords);
        }
    }

    /** One incubator, two slides of eight wells, a frame every 10 culture minutes for 140 h at 600x, plane 0. */
    public static IncubatorConfig demo(EmbryoIds ids) {
        return new IncubatorConfig(new IncubatorLayout(1, 2, 8), new CultureSchedule(10, 140), 600, List.of(0), 1,
                TimelineSampler.Rates.literature(), null, Runtime.getRuntime().availableProcessors(), 0, ids);
    }

    public OfferedLoad offeredLoad() {
        return new OfferedLoad(layout.embryos(), planes.size(), schedule.intervalMinutes(), speed);
    }

    /** The embryos' timelines: replayed from {@link #realTimelines()} when set, else sampled at {@link #rates()}. */
    public SyntheticCohort cohort() {
        return Optional.ofNullable(realTimelines)
                .map(dir -> SyntheticCohort.replayed(RealTimelines.phaseFiles(dir), seed, layout.embryos()))
                .orElseGet(() -> SyntheticCohort.sampled(new TimelineSampler(TimingModel.bundled(), rates), seed,
                        layout.embryos()));
    }
}
