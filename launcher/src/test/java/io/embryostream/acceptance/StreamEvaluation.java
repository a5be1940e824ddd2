package io.embryostream.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.model.ModelMetadata;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.topics.TopicCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #23's harness (not a unit test: it runs only when {@code stream.evaluation.out} is set, see docs/trainer.md,
 * "Stream intervals and detection delay"): a model card's other-seed embryos streamed through the real pipeline
 * (renderer, ingest sink, broker, ClassifierApp with its online decoder) at several frame intervals and confirmation
 * lags, scored on the confirmed stages the TransitionEvents state. Per run: confirmed-stage accuracy; per transition
 * the timing error of the confirmed onset (true onset = first labelled time point of the class; predicted = first
 * labelled time point whose confirmed stage is at or beyond it, as the trainer's evaluation defines it) and the
 * detection delay (culture hours from the true onset to the time point whose StageEvent carried the first
 * TransitionEvent at or beyond the class). Each interval gets a broker of its own, so every classifier reads exactly
 * that interval's frames; the first classifier runs while the frames are published, the others after.
 *
 * <p>Properties: {@code stream.evaluation.model} (default models/pronuclear-3), {@code .intervals} (minutes,
 * 5,10,15,20), {@code .lags} (hours, run at the reference interval only; default the classifier's), {@code .lag}
 * (the lag of the interval runs, default the classifier's), {@code .unresampled} (intervals also run with
 * model.interval.resample=false, default 5), {@code .reference} (20), {@code .head} (the model's default),
 * {@code .embryos} (30), {@code .seed} (909), {@code .out} (the JSON written, e.g.
 * models/pronuclear-3/evaluation-stream/stream-evaluation.json).
 */
@EnabledIfSystemProperty(named = "stream.evaluation.out", matches = ".+")
class StreamEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEvaluation.class);
    private static final long DEADLINE_NANOS = 90L * 60 * 1_000_000_000L;

    @TempDir
    Path stateDirs;

    private record Run(double intervalMinutes, double lagHours, boolean resample) {
    }

    @Test
    void streamsTheCohortAtEachIntervalAndLag() throws Exception {
        Path root = Path.of(System.getProperty("embryo.repo.root", "..")).toAbsolutePath().normalize();
        Path modelDir = root.resolve(prop("model", "models/pronuclear-3"));
        ModelMetadata model = ModelMetadata.read(modelDir);
        String head = prop("head", model.defaultHead());
        double defaultLag = Double.parseDouble(ClassifierConfig.defaults().get("decode.confirm.lag.hours"));
        double lag = Double.parseDouble(prop("lag", String.valueOf(defaultLag)));
        double reference = Double.parseDouble(prop("reference", "20"));
        List<Double> intervals = numbers(prop("intervals", "5,10,15,20"));
        List<Double> lags = numbers(prop("lags", String.valueOf(defaultLag)));
        List<Double> unresampled = numbers(prop("unresampled", "5"));
        int size = Integer.parseInt(prop("embryos", "30"));
        long seed = Long.parseLong(prop("seed", "909"));
        Path out = root.resolve(prop("out", ""));

        Map<Double, List<Run>> plan = new LinkedHashMap<>();
        for (double interval : intervals) {
            List<Run> runs = new ArrayList<>();
            if (interval == reference) {
                lags.forEach(l -> runs.add(new Run(interval, l, true)));
                if (!lags.contains(lag)) {
                    runs.add(new Run(interval, lag, true));
                }
            } else {
                runs.add(new Run(interval, lag, true));
                if (unresampled.contains(interval)) {
                    runs.add(new Run(interval, lag, false));
                }
            }
            plan.put(interval, runs);
        }
        double maxLag = plan.values().stream().flatMap(List::stream).mapToDouble(Run::lagHours).max().orElse(lag);

        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", "embryo-stream-stream-evaluation/1");
        Map<String, Double> calibration = new LinkedHashMap<>();
        model.temporalHeadKinds().forEach(k -> calibration.put(k, model.calibration(k).temperature()));
        // the weights and the calibration the classifier applied: a card shows the figures only while both still hold
        document.put("model", Map.of("name", model.name(), "version", model.version(),
                "weightsSha256", sha256(modelDir.resolve("weights.pt")), "temperatures", calibration));
        document.put("command", "./mvnw -B -pl launcher test-compile surefire:test -Dtest=StreamEvaluation"
                + " -Dstream.evaluation.model=" + root.relativize(modelDir) + " -Dstream.evaluation.intervals="
                + join(intervals) + " -Dstream.evaluation.lags=" + join(lags) + " -Dstream.evaluation.unresampled="
                + join(unresampled) + " -Dstream.evaluation.out=" + root.relativize(out));
        document.put("cohort", Map.of("seed", seed, "embryos", size, "source", EmbryoRenderer.RENDERER_VERSION,
                "description", "the model card's other-seed embryos (export-dataset --synthetic --seed " + seed
                        + " --embryos " + size + "), rendered at each interval; each embryo published over its labelled"
                        + " span plus the largest lag, then ENDED"));
        document.put("head", head);
        document.put("referenceIntervalMinutes", reference);
        document.put("runs", results);

        for (Map.Entry<Double, List<Run>> entry : plan.entrySet()) {
            double interval = entry.getKey();
            String run = UUID.randomUUID().toString().substring(0, 8);
            OtherSeedCohort cohort = new OtherSeedCohort(seed, size, interval,
                    IncubatorConfig.SYNTHETIC_SECRET + "/" + run, model.scheme());
            int span = cohort.timePointsSpanning(maxLag);
            Map<String, Integer> lastPublished = new HashMap<>();
            cohort.embryos().forEach(e -> lastPublished.put(e.id(),
                    Math.min(e.labels().lastKey() + span, cohort.lastTimePoint())));
            int expected = lastPublished.values().stream().mapToInt(Integer::intValue).sum();
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
                broker.createCatalogTopics(TopicCatalog.standard());
                boolean first = true;
                for (Run r : entry.getValue()) {
                    long t0 = System.nanoTime();
                    Map<String, CohortStream.Received> received = new HashMap<>();
                    cohort.embryos().forEach(e -> received.put(e.id(), new CohortStream.Received()));
                    String app = "evaluation-" + run + "-" + results.size();
                    ClassifierConfig config = new ClassifierConfig(Settings.resolve(ClassifierConfig.defaults(), null,
                            Map.of(), Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), "model.dir",
                                    modelDir.toString(), "model.head", head, "classifier.state.dir",
                                    stateDirs.resolve(app).toString(), "classifier.replication.factor", "1",
                                    "classifier.application.id", app, "metrics.port", "0",
                                    "decode.confirm.lag.hours", String.valueOf(r.lagHours()),
                                    "model.interval.resample", String.valueOf(r.resample()))));
                    int stages = CohortStream.classify(config, broker.bootstrapServers(), app + "-reader",
                            first ? () -> CohortStream.publish(cohort, model.planes(), lastPublished,
                                    broker.bootstrapServers()) : null, received, expected, t0 + DEADLINE_NANOS);
                    first = false;
                    assertThat(stages).as("stage events of %s", r).isEqualTo(expected);
                    Map<String, Object> figures = score(r, head, cohort, received, model.classNames());
                    figures.put("seconds", (System.nanoTime() - t0) / 1e9);
                    results.add(figures);
                    LOG.info("{} {} every {} min, lag {} h, resample {}: confirmed-stage accuracy {} over {} labelled"
                                    + " frames, {} s", model.name(), head, r.intervalMinutes(), r.lagHours(),
                            r.resample(), figures.get("confirmedStageAccuracy"), figures.get("labelledFrames"),
                            figures.get("seconds"));
                    write(out, document);
                }
            }
        }
        for (Map<String, Object> r : results) {
            results.stream().filter(ref -> ref.get("intervalMinutes").equals(reference)
                            && ref.get("confirmLagHours").equals(r.get("confirmLagHours")) && (boolean) ref.get("resample"))
                    .findFirst().ifPresent(ref -> r.put("referenceAccuracy", ref.get("confirmedStageAccuracy")));
        }
        write(out, document);
        LOG.info("written {}", out);
    }

    /** Confirmed-stage accuracy, and per transition the timing error and detection delay of the confirmed stream. */
    private static Map<String, Object> score(Run r, String head, OtherSeedCohort cohort,
                                             Map<String, CohortStream.Received> received, List<String> classes) {
        StageAccuracy confirmed = new StageAccuracy();
        Map<String, List<Double>> errors = new LinkedHashMap<>();
        Map<String, List<Double>> delays = new LinkedHashMap<>();
        Map<String, int[]> onsets = new LinkedHashMap<>(); // onsets, missed
        for (int k = 1; k < classes.size(); k++) {
            errors.put(classes.get(k), new ArrayList<>());
            delays.put(classes.get(k), new ArrayList<>());
            onsets.put(classes.get(k), new int[2]);
        }
        for (OtherSeedCohort.Embryo e : cohort.embryos()) {
            CohortStream.Received got = received.get(e.id());
            confirmed.add(e.labels(), got.confirmed::at);
            NavigableMap<Integer, String> labels = e.labels();
            for (int k = 1; k < classes.size(); k++) {
                String name = classes.get(k);
                int stage = k;
                Integer trueOnset = labels.entrySet().stream().filter(l -> classes.indexOf(l.getValue()) == stage)
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (trueOnset == null) {
                    continue;
                }
                onsets.get(name)[0]++;
                double trueHours = cohort.hoursAt(trueOnset);
                Integer predicted = labels.keySet().stream().filter(tp -> {
                    String s = got.confirmed.at(tp);
                    return s != null && classes.indexOf(s) >= stage;
                }).findFirst().orElse(null);
                TransitionEvent confirming = got.transitions.stream().filter(t -> t.getStageIndex() >= stage)
                        .min((a, b) -> Integer.compare(a.getConfirmedAtTimePoint(), b.getConfirmedAtTimePoint()))
                        .orElse(null);
                if (predicted == null || confirming == null) {
                    onsets.get(name)[1]++;
                    continue;
                }
                errors.get(name).add(Math.abs(cohort.hoursAt(predicted) - trueHours));
                delays.get(name).add(cohort.hoursAt(confirming.getConfirmedAtTimePoint()) - trueHours);
            }
        }
        double intervalHours = r.intervalMinutes() / 60;
        Map<String, Object> transitions = new LinkedHashMap<>();
        onsets.forEach((name, n) -> {
            if (n[0] == 0) {
                return;
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("onsets", n[0]);
            t.put("detected", n[0] - n[1]);
            t.put("missed", n[1]);
            List<Double> err = errors.get(name);
            List<Double> delay = delays.get(name);
            if (!err.isEmpty()) {
                t.put("detectionDelayHours", Map.of("mean", mean(delay), "median", quantile(delay, 0.5),
                        "p90", quantile(delay, 0.9), "max", quantile(delay, 1.0)));
                // a transition the decoder placed and confirmed before the true onset: a delay below zero
                t.put("confirmedBeforeOnset", delay.stream().filter(d -> d < 0).count());
                t.put("timingErrorHours", Map.of("mean", mean(err), "median", quantile(err, 0.5),
                        "withinOneInterval", share(err, intervalHours, n[0]), "withinOneHour", share(err, 1.0, n[0])));
            }
            transitions.put(name, t);
        });
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("intervalMinutes", r.intervalMinutes());
        run.put("confirmLagHours", r.lagHours());
        run.put("head", head);
        run.put("resample", r.resample());
        run.put("labelledFrames", confirmed.frames());
        run.put("confirmedStageAccuracy", confirmed.accuracy());
        run.put("framesBeforeAnyConfirmation", confirmed.missing());
        run.put("transitions", transitions);
        run.put("reviewCurve", reviewCurve(cohort, received, classes));
        return run;
    }

    /** Onset error within which an emitted transition counts as right, for the review curve. */
    static final double REVIEW_TOLERANCE_HOURS = 1.0;

    /**
     * The coverage–accuracy curve of the confirmed transitions as emitted, by their {@code confidence} (issue #24):
     * for each threshold, the share of TransitionEvents at or above it (what a review queue would auto-accept) and the
     * share of those whose onset lies within {@link #REVIEW_TOLERANCE_HOURS} of the true onset of the stage it names
     * (first labelled time point of that stage; a stage the embryo never reached counts as wrong). Overall and per
     * stage.
     */
    private static Map<String, Object> reviewCurve(OtherSeedCohort cohort, Map<String, CohortStream.Received> received,
                                                   List<String> classes) {
        List<double[]> calls = new ArrayList<>(); // confidence, right (1/0), stage index
        for (OtherSeedCohort.Embryo e : cohort.embryos()) {
            for (TransitionEvent t : received.get(e.id()).transitions) {
                Integer onset = e.labels().entrySet().stream().filter(l -> l.getValue().equals(t.getStageName()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                boolean right = onset != null
                        && Math.abs(t.getOnsetHours() - cohort.hoursAt(onset)) <= REVIEW_TOLERANCE_HOURS + 1e-6;
                calls.add(new double[] {t.getConfidence(), right ? 1 : 0, classes.indexOf(t.getStageName())});
            }
        }
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("toleranceHours", REVIEW_TOLERANCE_HOURS);
        curve.put("transitions", calls.size());
        curve.put("points", curvePoints(calls));
        Map<String, Object> byStage = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            int stage = k;
            List<double[]> of = calls.stream().filter(c -> c[2] == stage).toList();
            if (!of.isEmpty()) {
                byStage.put(classes.get(k), curvePoints(of));
            }
        }
        curve.put("byStage", byStage);
        return curve;
    }

    private static List<Map<String, Object>> curvePoints(List<double[]> calls) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double threshold = i / 20.0;
            List<double[]> accepted = calls.stream().filter(c -> c[0] >= threshold - 1e-9).toList();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("threshold", threshold);
            p.put("accepted", accepted.size());
            p.put("coverage", calls.isEmpty() ? 0 : (double) accepted.size() / calls.size());
            p.put("accuracy", accepted.isEmpty() ? null : accepted.stream().mapToDouble(c -> c[1]).average().orElse(0));
            points.add(p);
        }
        return points;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The {@code q} quantile by linear interpolation between order statistics (numpy's default). */
    static double quantile(List<Double> v, double q) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Share of all onsets detected within {@code hours} (a missed onset counts as outside); ties within 1e-6 h. */
    private static double share(List<Double> errors, double hours, int onsets) {
        return (double) errors.stream().filter(e -> e <= hours + 1e-6).count() / onsets;
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty("stream.evaluation." + name, "").trim();
        return v.isEmpty() ? fallback : v;
    }

    private static List<Double> numbers(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    private static String join(List<Double> v) {
        return String.join(",", v.stream().map(d -> String.format(Locale.ROOT, "%s", d)).toList());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static void write(Path out, Map<String, Object> document) throws Exception {
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
    }
}
