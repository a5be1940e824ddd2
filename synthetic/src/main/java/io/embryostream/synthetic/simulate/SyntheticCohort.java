package io.embryostream.synthetic.simulate;

import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.RealTimelines;
import io.embryostream.synthetic.embryo.TimelineSampler;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embryos of one synthetic run, fixed by its seed: embryo {@code i}'s timeline is drawn from the timing
 * model, or replays a real annotation file, with a seed derived from (run seed, {@code i}); so a run is
 * reproducible and any embryo can be rendered without the others.
 */
public final class SyntheticCohort {

    private final EmbryoTimeline[] timelines;
    private final String description;

    private SyntheticCohort(EmbryoTimeline[] timelines, String description) {
        this.timelines = timelines;
        this.description = description;
    }

    /** {@code embryos} timelines drawn by {@code sampler}. */
    public static SyntheticCohort sampled(TimelineSampler sampler, long seed, int embryos) {
        EmbryoTimeline[] t = new EmbryoTimeline[requirePositive(embryos)];
        for (int i = 0; i < t.length; i++) {
            t[i] = sampler.sample(embryoSeed(seed, i));
        }
        return new SyntheticCohort(t, "timelines sampled from the fitted timing model");
    }

    /**
     * {@code embryos} replays of real {@code <embryo>_phases.csv} files, embryo {@code i} replaying file
     * {@code i mod files} with an appearance of its own.
     */
    public static SyntheticCohort replayed(List<Path> phaseFiles, long seed, int embryos) {
        if (phaseFiles.isEmpty()) {
            throw new IllegalArgumentException("no phases files to replay");
        }
        EmbryoTimeline[] t = new EmbryoTimeline[requirePositive(embryos)];
        for (int i = 0; i < t.length; i++) {
            t[i] = RealTimelines.replay(phaseFiles.get(i % phaseFiles.size()), embryoSeed(seed, i));
        }
        return new SyntheticCohort(t, "real timelines replayed from " + phaseFiles.size() + " phases files");
    }

    public int size() {
        return timelines.length;
    }

    public EmbryoTimeline timeline(int index) {
        return timelines[index];
    }

    /** Where the timelines come from, for people and manifests. */
    public String description() {
        return description;
    }

    /** Seeds of neighbouring embryos, or of one embryo in neighbouring runs, are unrelated: SplitMix64 twice. */
    static long embryoSeed(long seed, int index) {
        return new SplittableRandom(new SplittableRandom(seed).nextLong() + index).nextLong();
    }

    private static int requirePositive(int embryos) {
        if (embryos < 1) {
            throw new IllegalArgumentException("a cohort needs at least one embryo, got " + embryos);
        }
        return embryos;
    }
}
