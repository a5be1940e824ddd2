package io.embryostream.launcher;

import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.dataset.DatasetManifest;
import io.embryostream.ingest.dataset.EmbryoSplits;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.synthetic.dataset.SyntheticDatasetExport;
import io.embryostream.synthetic.embryo.PhasesFileException;
import io.embryostream.synthetic.embryo.RealTimelines;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.simulate.SyntheticCohort;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code export-dataset --synthetic}: the one part of that command that needs the synthetic module,
 * kept in a class of its own so that the command loads without it (the production ingest image).
 */
final class SyntheticTrainingSet {

    /** What the command's options ask for. */
    record Request(TimelineOptions timelines, int embryos, long seed, double intervalMinutes, double hours,
                   List<Integer> planes, Path configFile, Path out, int workers) {
    }

    private SyntheticTrainingSet() {
    }

    /** @throws IllegalArgumentException for a phases file that cannot be replayed, naming it */
    static void write(Request r, EmbryoSplits splits) {
        Settings settings = Settings.resolve(Map.of("clinic.secret", IncubatorConfig.SYNTHETIC_SECRET), r.configFile(),
                System.getenv(), Map.of());
        System.out.println("embryo-stream export-dataset, settings:\n" + settings.describe());
        CultureSchedule schedule = new CultureSchedule(r.intervalMinutes(), r.hours());
        SyntheticCohort cohort;
        try {
            cohort = r.timelines().realTimelines == null
                    ? SyntheticCohort.sampled(new TimelineSampler(TimingModel.bundled(), TimelineRates.of(r.timelines())), r.seed(), r.embryos())
                    : SyntheticCohort.replayed(RealTimelines.phaseFiles(r.timelines().realTimelines), r.seed(), r.embryos());
        } catch (PhasesFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SyntheticDatasetExport export = new SyntheticDatasetExport(cohort, schedule, r.planes(),
                new EmbryoIds(settings.get("clinic.secret")), r.seed(), r.workers());
        System.out.printf("Rendering %d embryos x %d time points x %d planes = %d frames with %d threads into %s%n",
                r.embryos(), schedule.timePoints(), r.planes().size(), export.frames(), r.workers(), r.out());
        long t0 = System.nanoTime();
        DatasetManifest m = export.writeTo(r.out(), splits, ProgressLine.onStderr("export-dataset", export.frames()));
        ExportDatasetCommand.printWritten(m, t0);
    }
}
