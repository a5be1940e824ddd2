package io.embryostream.alerts;

import java.time.Duration;

/** What alert delivery reports as it goes (metrics; tests). Calls come from the delivery thread. */
public interface DeliveryListener {

    /** One webhook attempt finished. */
    default void attempted(String alertId, WebhookClient.Attempt attempt, Duration took) {
    }

    /** The webhook accepted the alert; its offset is committed right after this returns. */
    default void accepted(String alertId, int attempts) {
    }

    /** The alert went to the undeliverable topic; its offset is committed right after. */
    default void undeliverable(String key, UndeliverableReason reason, String detail) {
    }
}
