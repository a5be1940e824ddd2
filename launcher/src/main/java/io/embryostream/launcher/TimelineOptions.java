package io.embryostream.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where embryo timelines come from: sampled at abnormality rates, or replayed real annotations. A
 * mixin of simulate and export-dataset. It names no synthetic class, not even in a method signature
 * (picocli reflects on them), so export-dataset still starts where the synthetic module is left out:
 * {@link TimelineRates} turns it into the sampler's rates.
 */
final class TimelineOptions {

    @Option(names = "--real-timelines", paramLabel = "DIR",
            description = "Replay the Gomez <embryo>_phases.csv files in DIR (embryo i replays file i mod count) instead of sampling.")
    Path realTimelines;

    @Option(names = "--direct-cleavage", paramLabel = "RATE", description = "Share of embryos with direct cleavage, t3 - t2 < 5 h (default 0.137).")
    double directCleavage = Double.NaN; // NaN: the literature's rate, TimelineRates

    @Option(names = "--reverse-cleavage", paramLabel = "RATE", description = "Share with reverse cleavage (default 0.274).")
    double reverseCleavage = Double.NaN;

    @Option(names = "--arrest", paramLabel = "RATE", description = "Share that arrest between t3 and tB (default 0.10).")
    double arrest = Double.NaN;

    @Option(names = "--slow-development", paramLabel = "RATE", description = "Share developing 1.25-1.6x slower from t2 (default 0.10).")
    double slowDevelopment = Double.NaN;

    @Option(names = "--one-pn", paramLabel = "RATE", description = "Share forming one pronucleus (default 0.04).")
    double onePronucleus = Double.NaN;

    @Option(names = "--three-pn", paramLabel = "RATE", description = "Share forming three pronuclei (default 0.03).")
    double threePronuclei = Double.NaN;
}
