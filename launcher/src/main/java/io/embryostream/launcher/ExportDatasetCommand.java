package io.embryostream.launcher;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.dataset.DatasetException;
import io.embryostream.ingest.dataset.DatasetManifest;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.dataset.EmbryoSplits;
import io.embryostream.ingest.dataset.LabelledExportDataset;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.source.ExportIngest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Write a training set (canonical PNG frames + labels.csv) from a labelled clinic export or the synthetic incubator.
 * Exit codes: 0 written, nothing skipped; 1 written, but the export had input it skipped (listed); 2 nothing written.
 */
@Command(name = "export-dataset", mixinStandardHelpOptions = true,
        description = {"Write a training set (canonical PNG frames, labels.csv, manifest.json; docs/DATASET.md) for"
                + " trainer-export, split by embryo.",
                "Source: labelled clinic exports (--from-export: MIRI, EmbryoScope or Gomez folders or a folder of them, read exactly as"
                        + " `ingest` reads it, embryo ids keyed with the clinic secret) or the synthetic incubator (--synthetic).",
                "Exit 0: written; 1: written, but input was skipped (see the summary); 2: nothing written."})
final class ExportDatasetCommand implements Callable<Integer> {

    /** Options that only shape synthetic data (besides the timeline mixin's): refused with --from-export, not ignored. */
    private static final List<String> SYNTHETIC_ONLY = List.of("--embryos", "--seed", "--interval-minutes", "--hours", "--planes");

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--synthetic", required = true, description = "Render the training set with the synthetic incubator.")
        boolean synthetic;

        @Option(names = "--from-export", required = true, paramLabel = "DIR", arity = "1..*",
                description = "Labelled clinic exports (MIRI, EmbryoScope, Gomez layout), as for `ingest`: an export folder,"
                        + " a folder of exports at any depth, or several; every embryo of every export goes into one set.")
        List<Path> exports;
    }

    @Option(names = "--format", paramLabel = "KIND", description = "--from-export: MIRI, EMBRYOSCOPE or GOMEZ; detected when absent.")
    ExportKind format;

    @Option(names = "--frame-interval-minutes", paramLabel = "MIN",
            description = "--from-export: minutes between frames; required for EmbryoScope, for Gomez embryos without a time file.")
    Double frameIntervalMinutes;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "DIR", description = "Dataset folder to create (new or empty).")
    Path out;

    @Mixin
    TimelineOptions timelines;

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

    @Option(names = "--threads", description = "Render threads, or embryos read at once with --from-export (default: the machine's cores).")
    Integer threads;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (clinic.secret keys the embryo ids;"
            + " required with --from-export, also from env EMBRYO_CLINIC_SECRET).")
    Path configFile;

    @Override
    public Integer call() {
        try {
            if (split.size() != 3) {
                throw new IllegalArgumentException("--split takes three fractions train,val,test, got " + split);
            }
            EmbryoSplits splits = new EmbryoSplits(splitSeed, split.get(0), split.get(1), split.get(2));
            int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            return source.synthetic ? synthetic(splits, workers) : fromExport(splits, workers);
        } catch (IllegalArgumentException | ConfigException | DatasetException | IOException e) {
            System.err.println("Cannot export: " + e.getMessage());
            return 2;
        }
    }

    private int synthetic(EmbryoSplits splits, int workers) {
        if (!OptionalModule.SYNTHETIC.available()) {
            throw new IllegalArgumentException("--synthetic needs the synthetic module, which this installation leaves out"
                    + " (the production ingest image); use the full launcher");
        }
        SyntheticTrainingSet.write(new SyntheticTrainingSet.Request(timelines, embryos, seed, intervalMinutes, hours, planes,
                configFile, out, workers), splits);
        return 0;
    }

    private int fromExport(EmbryoSplits splits, int workers) throws IOException {
        List<String> syntheticOnly = Stream.concat(SYNTHETIC_ONLY.stream(),
                        spec.mixins().get("timelines").options().stream().map(OptionSpec::longestName))
                .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (!syntheticOnly.isEmpty()) {
            throw new IllegalArgumentException(syntheticOnly + " only apply to --synthetic: an export's embryos, frames"
                    + " and planes are its own");
        }
        // No default secret: the ids must be the ones `ingest` publishes for this clinic.
        Map<String, String> known = new HashMap<>();
        known.put("clinic.secret", null);
        Settings settings = Settings.resolve(known, configFile, System.getenv(), Map.of());
        System.out.println("embryo-stream export-dataset, settings:\n" + settings.describe());
        EmbryoIds ids = new EmbryoIds(settings.get("clinic.secret"));
        ExportIngest.Options options = new ExportIngest.Options(Optional.ofNullable(format),
                frameIntervalMinutes == null ? OptionalDouble.empty() : OptionalDouble.of(frameIntervalMinutes), 50, workers);
        System.out.printf("Reading %s with %d threads into %s%n", source.exports.size() == 1 ? source.exports.get(0) : source.exports,
                workers, out);
        long t0 = System.nanoTime();
        LabelledExportDataset.Result result = new LabelledExportDataset(ids, options, () -> false)
                .write(source.exports, out, splits, total -> ProgressLine.onStderr("export-dataset", total));
        System.out.print(result.report().summary());
        printWritten(result.manifest(), t0);
        return result.report().skippedAnything() ? 1 : 0;
    }

    static void printWritten(DatasetManifest m, long t0) {
        System.out.printf("Wrote %d frames of %d embryos (splits %s) in %.1f s; fingerprint %s%n", m.frames(),
                m.embryos(), m.splits(), (System.nanoTime() - t0) / 1e9, m.fingerprint());
    }
}
