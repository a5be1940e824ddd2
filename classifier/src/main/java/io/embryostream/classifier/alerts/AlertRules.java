package io.embryostream.classifier.alerts;

import io.embryostream.classifier.decode.StageDecoder.Confirmation;
import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-time-point alert rules, with each alert's evidence. Rules read stage names from the
 * model's class list, so a rule whose stages the scheme lacks (pronuclear-3 has no t2) stays off.
 * Every alert fires at most once per embryo and condition; its id is deterministic.
 */
public final class AlertRules {

    private final AlertThresholds thresholds;
    private final List<String> classNames;
    private final int[] cellsOfClass;

    public AlertRules(AlertThresholds thresholds, List<String> classNames) {
        this.thresholds = thresholds;
        this.classNames = List.copyOf(classNames);
        this.cellsOfClass = new int[classNames.size()];
        for (int k = 0; k < classNames.size(); k++) {
            cellsOfClass[k] = visibleCells(classNames.get(k));
        }
    }

    /** The cell count a cleavage stage name stands for (t2 → 2 … t9+ → 9), 0 for other stages. */
    static int visibleCells(String stage) {
        if (stage.matches("t[2-9]\\+?")) {
            return stage.charAt(1) - '0';
        }
        return 0;
    }

    /** An alert the rules raised: type, severity, message and evidence. */
    public record Raised(AlertType type, Severity severity, String key, String message, Map<String, String> evidence) {
    }

    /**
     * Evaluates one time point.
     *
     * @param committedStage confirmed stage after this time point (-1 none)
     * @param committedSinceHours onset of the confirmed stage
     */
    public List<Raised> evaluate(AlertState s, double hours, float[] probabilities, List<Confirmation> confirmations,
                                 int committedStage, double committedSinceHours) {
        List<Raised> out = new ArrayList<>();
        for (Confirmation c : confirmations) {
            directCleavage(s, c, out);
        }
        reverseCleavage(s, hours, probabilities, out);
        delay(s, hours, committedStage, out);
        arrest(s, hours, committedStage, committedSinceHours, out);
        lowConfidence(s, hours, probabilities, committedStage, out);
        return out;
    }

    private void directCleavage(AlertState s, Confirmation c, List<Raised> out) {
        String stage = classNames.get(c.stage());
        if (stage.equals("t2")) {
            s.t2Hours = c.onsetHours();
        } else if (stage.equals("t3") && !Double.isNaN(s.t2Hours)) {
            double dt = c.onsetHours() - s.t2Hours;
            if (dt < thresholds.directCleavageMaxHours()) {
                raise(s, out, AlertType.DIRECT_CLEAVAGE, Severity.WARNING, "t3",
                        String.format(Locale.ROOT, "Direct cleavage: t3 − t2 = %.1f h (< %.1f h); implantation is rare after"
                                + " 1→3 cleavage", dt, thresholds.directCleavageMaxHours()),
                        evidence("t2", s.t2Hours, "t3", c.onsetHours(), "t3-t2", dt,
                                "threshold", thresholds.directCleavageMaxHours()));
            }
        }
    }

    private void reverseCleavage(AlertState s, double hours, float[] p, List<Raised> out) {
        int cells = cellsOfClass[argmax(p)];
        if (cells != s.runCells) {
            s.runCells = cells;
            s.runSinceHours = hours;
        }
        if (cells > 0 && hours - s.runSinceHours >= thresholds.reverseCleavageSustainHours()) {
            s.sustainedMaxCells = Math.max(s.sustainedMaxCells, cells);
        }
        boolean dropped = cells > 0 && cells < s.sustainedMaxCells;
        if (!dropped) {
            s.dropSinceHours = Double.NaN;
            return;
        }
        if (Double.isNaN(s.dropSinceHours)) {
            s.dropSinceHours = hours;
        }
        if (hours - s.dropSinceHours >= thresholds.reverseCleavageMinHours()) {
            raise(s, out, AlertType.REVERSE_CLEAVAGE, Severity.WARNING, "from" + s.sustainedMaxCells,
                    String.format(Locale.ROOT, "Reverse cleavage: %d cells after %d for %.1f h", cells, s.sustainedMaxCells,
                            hours - s.dropSinceHours),
                    evidence("cellsBefore", s.sustainedMaxCells, "cellsNow", cells, "dropSinceHours",
                            s.dropSinceHours, "minHours", thresholds.reverseCleavageMinHours()));
        }
    }

    private void delay(AlertState s, double hours, int committed, List<Raised> out) {
        for (Map.Entry<String, Double> w : thresholds.delayUpperBoundHours().entrySet()) {
            int idx = classNames.indexOf(w.getKey());
            if (idx >= 0 && hours > w.getValue() && committed < idx) {
                raise(s, out, AlertType.DEVELOPMENTAL_DELAY, Severity.WARNING, w.getKey(),
                        String.format(Locale.ROOT, "Developmental delay: %s not reached by %.1f h (window ends %.1f h)",
                                w.getKey(), hours, w.getValue()),
                        evidence("stage", w.getKey(), "upperBoundHours", w.getValue(), "confirmedStage",
                                committed < 0 ? "none" : classNames.get(committed), "hours", hours));
            }
        }
    }

    private void arrest(AlertState s, double hours, int committed, double since, List<Raised> out) {
        boolean terminal = committed == classNames.size() - 1;
        if (committed >= 0 && !terminal && hours - since >= thresholds.arrestHours()) {
            raise(s, out, AlertType.ARREST, Severity.CRITICAL, classNames.get(committed),
                    String.format(Locale.ROOT, "Arrest: no progress from %s for %.1f h", classNames.get(committed), hours - since),
                    evidence("stage", classNames.get(committed), "sinceHours", since, "hours", hours,
                            "thresholdHours", thresholds.arrestHours()));
        }
    }

    private void lowConfidence(AlertState s, double hours, float[] p, int committed, List<Raised> out) {
        float max = p[argmax(p)];
        s.lowConfidenceRun = max < thresholds.lowConfidence() ? s.lowConfidenceRun + 1 : 0;
        if (s.lowConfidenceRun >= thresholds.lowConfidencePoints()) {
            String at = committed < 0 ? "start" : classNames.get(committed);
            raise(s, out, AlertType.LOW_CONFIDENCE, Severity.INFO, at,
                    String.format(Locale.ROOT, "Review: model unsure for %d time points (max probability %.2f) after %s",
                            s.lowConfidenceRun, max, at),
                    evidence("points", s.lowConfidenceRun, "maxProbability", max, "threshold",
                            thresholds.lowConfidence(), "hours", hours));
        }
    }

    private static void raise(AlertState s, List<Raised> out, AlertType type, Severity sev, String condition,
                              String message, Map<String, String> evidence) {
        String key = type + ":" + condition;
        if (s.raised.add(key)) {
            out.add(new Raised(type, sev, key, message, evidence));
        }
    }

    private static Map<String, String> evidence(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put(kv[i].toString(), v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d)
                    : v instanceof Float f ? String.format(Locale.ROOT, "%.3f", f) : String.valueOf(v));
        }
        return m;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
