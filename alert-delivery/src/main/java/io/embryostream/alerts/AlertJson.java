package io.embryostream.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embryostream.schemas.AlertEvent;
import java.util.TreeMap;

/**
 * The webhook body (documented in docs/OPERATIONS.md, "Alert webhook"): the AlertEvent's fields
 * as JSON, the model as an object, times as ISO-8601 UTC. {@code schemaVersion} changes only when
 * a field is removed or changes meaning; receivers ignore fields they do not know.
 */
public final class AlertJson {

    /** Version of the body layout. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {
    }

    public static byte[] render(AlertEvent alert) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("alertId", alert.getAlertId());
        o.put("type", alert.getType().name());
        o.put("severity", alert.getSeverity().name());
        o.put("embryoId", alert.getEmbryoId());
        o.put("displayLabel", alert.getDisplayLabel());
        o.put("timePoint", alert.getTimePoint());
        o.put("hoursPostInsemination", alert.getHoursPostInsemination());
        o.put("message", alert.getMessage());
        ObjectNode evidence = o.putObject("evidence");
        new TreeMap<>(alert.getEvidence()).forEach((k, v) -> evidence.put(k.toString(), v.toString()));
        ObjectNode model = o.putObject("model");
        model.put("id", alert.getModelId());
        model.put("version", alert.getModelVersion());
        o.put("emitTime", alert.getEmitTime().toString());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render alert " + alert.getAlertId() + " as JSON", e);
        }
    }
}
