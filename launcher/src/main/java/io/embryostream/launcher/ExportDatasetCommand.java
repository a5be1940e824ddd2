package io.embryostream.launcher;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.dataset.DatasetException;
import io.embryostream.ingest.dataset.DatasetManifest;
import io.embryostream.ingest.dataset.EmbryoSplits;
import io.embryostream.ingest.dataset.SyntheticDatasetExport;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.simulate.CultureSchedule;
import io.embryostream.ingest.simulate.IncubatorConfig;
import io.embryostream.ingest.simulate.SyntheticCohort;
import io.embryostream.ingest.synthetic.PhasesFileException;
import io.embryostream.ingest.synthetic.RealTimelines;
import io.embryostream.ingest.synthetic.TimelineSampler;
import io.embryostream.ingest.synthetic.TimingModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Write a training set (canonical PNG frames + labels.csv) from labelled exports or the synthetic incubator. */
@Command(name = "export-dataset", mixinStandardHelpOptions = true,
        description = {"Write a training set (canonical PNG frames, labels.csv, manifest.json; docs/DATASET.md) for"
                + " trainer-export, split by embryo.",
                "Source: the synthetic incubator (--synthetic). Labelled clinic exports feed the same writer once their"
                        + " readers land."})
final class ExportDatasetCommand implements Callable<Integer> {

    @Option(names = "--synthetic", required = true, description = "Render the training set with the synthetic incubator.")
    boolean synthetic;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "DIR", description = "Dataset folder to create (new or empty).")
    Path out;

    @Mixin
    SimulateCommand.TimelineOptions timelines;

    @Option(names = "--embryos", defaultValue = "200", description = "Embryos (default ${DEFAULT-VALUE}).")
    int embryos;

    @Option(names = "--seed", defaultValue = "1", description = "Fixes every embryo, frame and label (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval-minutes", defaultValue = "15", description = "Culture minutes between frames (default ${DEFAULT-VALUE}).")
    double intervalMinutes;

    @Option(names = "--hours", defaultValue = "140", description = "Culture length in hours (default ${DEFAULT-VALUE}).")
    double hours;

    @Option(names = "--planes", defaultValue = "0", split = ",", paramLabel = "OFFSET",
            description = "Focal planes, e.g. 0 or -15,0,15 (default ${DEFAULT-VALUE}).")
    List<Integer> planes;

    @Option(names = "--split-seed", defaultValue = "1", description = "Seed of the embryo-level split (default ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--split", defaultValue = "0.7,0.15,0.15", split = ",", paramLabel = "FRACTION",
            description = "Train, val and test fractions of embryos (default ${DEFAULT-VALUE}).")
    List<Double> split;

    @Option(names = "--threads", description = "Render threads (default: the machine's cores).")
    Integer threads;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (clinic.secret keys the embryo ids).")
    Path configFile;

    @Override
    public Integer call() {
        Settings settings = Settings.resolve(Map.of("clinic.secret", IncubatorConfig.SYNTHETIC_SECRET), configFile,
                System.getenv(), Map.of());
        System.out.println("embryo-stream export-dataset, settings:\n" + settings.describe());
        try {
            if (split.size() != 3) {
                throw new IllegalArgumentException("--split takes three fractions train,val,test, got " + split);
            }
            EmbryoSplits splits = new EmbryoSplits(splitSeed, split.get(0), split.get(1), split.get(2));
            CultureSchedule schedule = new CultureSchedule(intervalMinutes, hours);
            SyntheticCohort cohort = timelines.realTimelines == null
                    ? SyntheticCohort.sampled(new TimelineSampler(TimingModel.bundled(), timelines.rates()), seed, embryos)
                    : SyntheticCohort.replayed(RealTimelines.phaseFiles(timelines.realTimelines), seed, embryos);
            int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            SyntheticDatasetExport export = new SyntheticDatasetExport(cohort, schedule, planes,
                    new EmbryoIds(settings.get("clinic.secret")), seed, workers);
            System.out.printf("Rendering %d embryos x %d time points x %d planes = %d frames with %d threads into %s%n",
                    embryos, schedule.timePoints(), planes.size(), export.frames(), workers, out);
            long t0 = System.nanoTime();
            DatasetManifest m = export.writeTo(out, splits, ProgressLine.onStderr("export-dataset", export.frames()));
            System.out.printf("Wrote %d frames of %d embryos (splits %s) in %.1f s; fingerprint %s%n", m.frames(),
                    m.embryos(), m.splits(), (System.nanoTime() - t0) / 1e9, m.fingerprint());
            return 0;
        } catch (IllegalArgumentException | ConfigException | PhasesFileException | DatasetException e) {
            System.err.println("Cannot export: " + e.getMessage());
            return 2;
        }
    }
}
