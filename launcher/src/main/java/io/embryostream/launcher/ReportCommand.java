package io.embryostream.launcher;

import io.embryostream.config.Settings;
import io.embryostream.view.query.ReviewPolicy;
import io.embryostream.view.report.ClinicReportFormat;
import io.embryostream.view.report.ClinicReportWriter;
import io.embryostream.view.report.ReportRow;
import io.embryostream.view.report.TopicSnapshot;
import io.embryostream.view.timeline.EmbryoTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Write the annotation table clinics file (EmbryoScope EXPORT or MIRI summary) with predicted onsets. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the annotation table clinics file (EmbryoScope EXPORT or MIRI summary) with predicted onsets.",
                "Reads the transitions, alerts and annotations topics to their end; one .xlsx per slide,"
                        + " with model, version and review flags."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--slide", paramLabel = "SLIDE", description = "Only this slide (default: every slide).")
    String slide;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "EMBRYOSCOPE",
            description = "EMBRYOSCOPE (EXPORT columns) or MIRI (transposed summary, onsets up to PN fading). Default: ${DEFAULT-VALUE}.")
    ClinicReportFormat format;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Folder for the reports (default: current).")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Longest time to read the topics.")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("kafka.bootstrap.servers", null);
        defaults.put("view.review.min.probability", io.embryostream.view.ViewConfig.defaults().get("view.review.min.probability"));
        Map<String, String> overrides = kafka.overrides();
        Settings settings = Settings.resolve(defaults, kafka.configFile, System.getenv(), overrides);
        System.out.println("embryo-stream report, settings:\n" + settings.describe());
        Map<String, EmbryoTimeline> timelines = TopicSnapshot.read(settings.withPrefix("kafka."), timeout);
        ReviewPolicy policy = new ReviewPolicy(settings.getDouble("view.review.min.probability"));
        Map<String, List<ReportRow>> bySlide = timelines.values().stream().map(t -> ReportRow.of(t, policy))
                .flatMap(Optional::stream).filter(r -> slide == null || r.slide().equals(slide))
                .collect(Collectors.groupingBy(ReportRow::slide, TreeMap::new, Collectors.toList()));
        if (bySlide.isEmpty()) {
            System.err.println(slide == null ? "No transitions on the topics yet: nothing to report."
                    : "No transitions of slide '" + slide + "' on the topics; check the slide id (the display label up to its well).");
            return 1;
        }
        Files.createDirectories(out);
        for (Map.Entry<String, List<ReportRow>> e : bySlide.entrySet()) {
            Path file = out.resolve(format.fileName(e.getKey()));
            ClinicReportWriter.write(file, format, e.getValue());
            System.out.println("Wrote " + file + " (" + e.getValue().size() + " wells)");
        }
        return 0;
    }
}
