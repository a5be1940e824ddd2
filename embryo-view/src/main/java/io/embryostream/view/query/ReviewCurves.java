package io.embryostream.view.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The coverage–accuracy curves of the model versions in a model folder (one model, or a folder of versions, as the
 * classifier's {@code model.dir}): each version's {@code evaluation-stream/stream-evaluation.json}, written by the
 * stream-evaluation harness through the Java classifier — for every confidence threshold, the share of emitted
 * TransitionEvents at or above it and how many of those put the onset within the tolerance of the truth. Read for
 * the model's default head at the reference interval and the confirmation lag nearest {@code lagHours}; a file made
 * for another model name, version or calibration is not that version's curve.
 */
public final class ReviewCurves {

    /** One point of a curve. */
    public record Point(double threshold, int accepted, double coverage, Double accuracy) {
    }

    /** A version's curve and where it was measured. */
    public record Curve(String model, String version, String head, double lagHours, double toleranceHours,
                        int transitions, List<Point> points) {
    }

    private ReviewCurves() {
    }

    /** Every version under {@code dir} by "name|version"; versions without a usable curve map to null. */
    public static Map<String, Curve> read(Path dir, double lagHours) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Curve> out = new LinkedHashMap<>();
        for (Path folder : modelFolders(dir)) {
            try {
                JsonNode model = json.readTree(folder.resolve("model.json").toFile());
                String name = model.path("name").asText();
                String version = model.path("version").asText();
                Path file = folder.resolve("evaluation-stream/stream-evaluation.json");
                out.put(key(name, version), Files.isRegularFile(file)
                        ? curve(json.readTree(file.toFile()), model, name, version, lagHours) : null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the model or its stream evaluation in " + folder, e);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("view.model.dir " + dir + " holds no model.json (a model folder or a folder of"
                    + " version folders, as the classifier's model.dir)");
        }
        return out;
    }

    public static String key(String model, String version) {
        return model + "|" + version;
    }

    private static List<Path> modelFolders(Path dir) {
        if (Files.isRegularFile(dir.resolve("model.json"))) {
            return List.of(dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("view.model.dir " + dir + " cannot be read: " + e.getMessage());
        }
    }

    private static Curve curve(JsonNode doc, JsonNode model, String name, String version, double lagHours) {
        JsonNode measured = doc.path("model");
        if (!measured.path("name").asText().equals(name) || !measured.path("version").asText().equals(version)) {
            return null;
        }
        // the curve holds only for the calibration the classifier applied when it was measured
        JsonNode then = measured.path("temperatures");
        for (Map.Entry<String, JsonNode> head : iterable(model.path("temporal").path("heads"))) {
            double now = head.getValue().path("calibration").path("temperature").asDouble(1.0);
            if (Math.abs(then.path(head.getKey()).asDouble(1.0) - now) > 1e-9) {
                return null;
            }
        }
        String head = model.path("temporal").path("default").asText();
        double reference = doc.path("referenceIntervalMinutes").asDouble(20);
        JsonNode best = null;
        for (JsonNode run : doc.path("runs")) {
            boolean usable = run.path("head").asText().equals(head) && run.path("resample").asBoolean(true)
                    && Math.abs(run.path("intervalMinutes").asDouble() - reference) < 1e-6
                    && run.has("reviewCurve");
            if (usable && (best == null || Math.abs(run.path("confirmLagHours").asDouble() - lagHours)
                    < Math.abs(best.path("confirmLagHours").asDouble() - lagHours))) {
                best = run;
            }
        }
        if (best == null) {
            return null;
        }
        JsonNode c = best.path("reviewCurve");
        List<Point> points = new ArrayList<>();
        for (JsonNode p : c.path("points")) {
            points.add(new Point(p.path("threshold").asDouble(), p.path("accepted").asInt(), p.path("coverage").asDouble(),
                    p.path("accuracy").isNumber() ? p.path("accuracy").asDouble() : null));
        }
        return new Curve(name, version, head, best.path("confirmLagHours").asDouble(), c.path("toleranceHours").asDouble(),
                c.path("transitions").asInt(), List.copyOf(points));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** The threshold a version's review queue uses to reach {@code target}, with what the curve measured for it. */
    public record Choice(Curve curve, Point point) {

        public String describe() {
            return String.format(Locale.ROOT, "%s %s: confirmed transitions with confidence >= %.2f auto-accepted,"
                            + " %.1f %% of them at a measured %.1f %% with the onset within %.1f h (%s head, lag %.1f h,"
                            + " %d transitions of the stream evaluation)", curve.model(), curve.version(),
                    point.threshold(), 100 * point.coverage(), 100 * point.accuracy(), curve.toleranceHours(),
                    curve.head(), curve.lagHours(), curve.transitions());
        }
    }

    /**
     * The lowest threshold (so the most auto-accepted) whose measured accuracy reaches {@code target}.
     *
     * @throws ConfigException when no point of the curve reaches it, naming the best the curve offers
     */
    public static Choice choose(Curve curve, double target) {
        Point best = null;
        for (Point p : curve.points()) {
            if (p.accepted() > 0 && p.accuracy() != null && p.accuracy() >= target - 1e-12) {
                return new Choice(curve, p);
            }
            if (p.accepted() > 0 && p.accuracy() != null && (best == null || p.accuracy() > best.accuracy())) {
                best = p;
            }
        }
        throw new ConfigException(String.format(Locale.ROOT, "view.review.target.accuracy %.3f is not reachable by"
                        + " model %s %s: its curve's best is %s; lower the target or improve the model", target,
                curve.model(), curve.version(), best == null ? "nothing (no transitions)" : String.format(Locale.ROOT,
                        "%.3f at confidence >= %.2f (%.1f %% auto-accepted)", best.accuracy(), best.threshold(),
                        100 * best.coverage())));
    }
}
