package io.embryostream.classifier.alerts;

import io.embryostream.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alert thresholds, from configuration. Defaults follow the literature figures in FORMATS.md:
 * direct cleavage t3 − t2 &lt; 5 h (Rubio 2012); delay windows are upper bounds of hours
 * post-insemination (about mean + 2.5 sd: t2 25.0 ± 2.8 → 32 h, t5 49.2 ± 5.5 → 63 h,
 * t8 55.7 ± 6.4 → 72 h, tB ≈ 97–100 → 118 h); a clinic sets its own window.
 */
public record AlertThresholds(double directCleavageMaxHours, double reverseCleavageMinHours,
                              double reverseCleavageSustainHours, Map<String, Double> delayUpperBoundHours,
                              double arrestHours, double lowConfidence, int lowConfidencePoints,
                              double stalledIntervals, double stalledMinSilenceMinutes) {

    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alerts.direct-cleavage.max-hours", "5");
        d.put("alerts.reverse-cleavage.min-hours", "2");
        d.put("alerts.reverse-cleavage.sustain-hours", "1");
        d.put("alerts.delay.upper-bounds", "t2:32,t5:63,t8:72,tB:118");
        d.put("alerts.arrest.hours", "24");
        d.put("alerts.low-confidence.threshold", "0.45");
        d.put("alerts.low-confidence.points", "6");
        d.put("alerts.stalled.intervals", "3");
        // A floor under the silence that counts as stalled: accelerated sources (the demo) send frames
        // every fraction of a second, and a consumer catching up must not look like a dead incubator.
        d.put("alerts.stalled.min-silence-minutes", "2");
        return d;
    }

    public static AlertThresholds from(Settings s) {
        Map<String, Double> bounds = new LinkedHashMap<>();
        for (String pair : s.get("alerts.delay.upper-bounds").split(",")) {
            String[] kv = pair.trim().split(":");
            if (kv.length != 2) {
                throw new io.embryostream.config.ConfigException("alerts.delay.upper-bounds must look like"
                        + " 't2:32,t5:63', got '" + pair + "'");
            }
            bounds.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
        }
        return new AlertThresholds(s.getDouble("alerts.direct-cleavage.max-hours"),
                s.getDouble("alerts.reverse-cleavage.min-hours"), s.getDouble("alerts.reverse-cleavage.sustain-hours"),
                bounds, s.getDouble("alerts.arrest.hours"), s.getDouble("alerts.low-confidence.threshold"),
                s.getInt("alerts.low-confidence.points"), s.getDouble("alerts.stalled.intervals"),
                s.getDouble("alerts.stalled.min-silence-minutes"));
    }
}
