package io.embryostream.view.timeline;

import io.embryostream.schemas.AlertEvent;

/** An alert as the view keeps it (from an {@link AlertEvent}). */
public record AlertMark(String alertId, String type, String severity, int timePoint, double hours, String message) {

    static AlertMark of(AlertEvent a) {
        return new AlertMark(a.getAlertId(), a.getType().name(), a.getSeverity().name(), a.getTimePoint(),
                a.getHoursPostInsemination(), a.getMessage());
    }
}
