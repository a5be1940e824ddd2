package io.embryostream.acceptance;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.dataset.SyntheticDatasetExport;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.SimulatedEmbryo;
import io.embryostream.synthetic.simulate.SimulatedWell;
import io.embryostream.synthetic.simulate.SyntheticCohort;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The embryos a model card's other-seed evaluation scored, drawn again as
 * {@code export-dataset --synthetic --embryos N --seed S --interval-minutes M} drew them: the sampler with the
 * command's default (literature) rates, the command's default culture length, the ids the dataset carries, and
 * the dataset's clock (one camera per well: sweep 0, so every frame is taken at the hours the exported frame was).
 */
final class OtherSeedCohort {

    /** export-dataset's default culture length; the labelled span ends long before it. */
    private static final double HOURS = 140;

    private final CultureSchedule schedule;
    private final List<Embryo> embryos;

    /**
     * One embryo and its ground truth in the model's scheme: time point to class name, only where the scheme labels
     * (pronuclear-3: up to the pronuclei fading; gomez-16: from the first onset), exactly the rows the evaluation
     * scored.
     */
    record Embryo(SimulatedEmbryo embryo, NavigableMap<Integer, String> labels) {

        String id() {
            return embryo.embryoId();
        }
    }

    /**
     * @param clinicSecret keys the embryo ids; the pixels and labels do not depend on it, so a run can take ids of
     *                     its own on a broker whose frames topic still holds an earlier run's frames of these embryos
     */
    OtherSeedCohort(long seed, int size, double intervalMinutes, String clinicSecret) {
        this(seed, size, intervalMinutes, clinicSecret, "pronuclear-3");
    }

    /** @param scheme the staging scheme whose labels the embryos carry: pronuclear-3 or gomez-16 */
    OtherSeedCohort(long seed, int size, double intervalMinutes, String clinicSecret, String scheme) {
        if (!scheme.equals("pronuclear-3") && !scheme.equals("gomez-16")) {
            throw new IllegalArgumentException("no synthetic labels for scheme " + scheme);
        }
        this.schedule = new CultureSchedule(intervalMinutes, HOURS);
        SyntheticCohort cohort = SyntheticCohort.sampled(
                new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.literature()), seed, size);
        SyntheticDatasetExport export = new SyntheticDatasetExport(cohort, schedule, List.of(0),
                new EmbryoIds(clinicSecret), seed, 1);
        List<Embryo> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            SimulatedEmbryo e = new SimulatedEmbryo(new SimulatedWell(1, 1 + i / 16, 1 + i % 16, i), export.embryoId(i),
                    cohort.timeline(i), 0);
            NavigableMap<Integer, String> labels = new TreeMap<>();
            for (int k = 1; k <= schedule.timePoints(); k++) {
                int timePoint = k;
                var truth = EmbryoRenderer.truth(e.timeline(), hoursAt(k));
                (scheme.equals("gomez-16") ? truth.gomez16() : truth.pronuclear3())
                        .ifPresent(l -> labels.put(timePoint, l));
            }
            list.add(new Embryo(e, Collections.unmodifiableNavigableMap(labels)));
        }
        this.embryos = List.copyOf(list);
    }

    List<Embryo> embryos() {
        return embryos;
    }

    /** Hours post-insemination of time point {@code k}, as the dataset export stamps it. */
    double hoursAt(int k) {
        return schedule.hoursAt(k, 0);
    }

    /** The last time point of the culture. */
    int lastTimePoint() {
        return schedule.timePoints();
    }

    /** Time points from one to the next at least {@code hours} later: what a lag of that many hours spans. */
    int timePointsSpanning(double hours) {
        // the epsilon keeps an exact multiple (2 h of 20 min: 6) from rounding up to one more
        return (int) Math.ceil(hours * 60 / schedule.intervalMinutes() - 1e-9);
    }

    double intervalMinutes() {
        return schedule.intervalMinutes();
    }

    int labelledFrames() {
        return embryos.stream().mapToInt(e -> e.labels().size()).sum();
    }
}
