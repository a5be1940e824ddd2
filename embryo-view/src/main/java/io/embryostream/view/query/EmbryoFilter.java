package io.embryostream.view.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Filters of {@code GET /embryos}; null means "any".
 *
 * @param slide       slide id, exactly
 * @param stage       current stage name, exactly
 * @param hasAlerts   with (true) or without (false) alerts
 * @param needsReview in the review queue (true) or not (false)
 */
public record EmbryoFilter(String slide, String stage, Boolean hasAlerts, Boolean needsReview) {

    public static final EmbryoFilter ANY = new EmbryoFilter(null, null, null, null);

    /** From query parameters; unknown parameters are ignored. */
    public static EmbryoFilter of(Map<String, String> query) {
        return new EmbryoFilter(query.get("slide"), query.get("stage"), bool(query, "hasAlerts"),
                bool(query, "needsReview"));
    }

    private static Boolean bool(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
        }
        return Boolean.valueOf(v);
    }

    public boolean matches(EmbryoSummary e) {
        return (slide == null || slide.equals(e.slide()))
                && (stage == null || stage.equals(e.stageName()))
                && (hasAlerts == null || hasAlerts == (e.alertCount() > 0))
                && (needsReview == null || needsReview == e.needsReview());
    }

    /** As query parameters (for forwarding to other instances), without a leading '?'. */
    public String toQuery() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("slide", slide);
        q.put("stage", stage);
        q.put("hasAlerts", hasAlerts);
        q.put("needsReview", needsReview);
        return q.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
