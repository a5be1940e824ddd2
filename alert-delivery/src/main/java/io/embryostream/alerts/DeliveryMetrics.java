package io.embryostream.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Alert delivery's meters, every tag value registered at start so alerting rules see the series
 * at zero: {@code embryo_alert_deliveries_total{outcome}}, {@code embryo_alert_webhook_attempts_total{verdict}},
 * {@code embryo_alert_undeliverable_total{reason}}, {@code embryo_alert_webhook_duration_seconds}.
 */
public final class DeliveryMetrics implements DeliveryListener {

    private final Counter accepted;
    private final Map<WebhookClient.Verdict, Counter> attempts = new EnumMap<>(WebhookClient.Verdict.class);
    private final Map<UndeliverableReason, Counter> undeliverable = new EnumMap<>(UndeliverableReason.class);
    private final Timer webhookTime;

    public DeliveryMetrics(MeterRegistry registry) {
        accepted = Counter.builder("embryo.alert.deliveries").tag("outcome", "accepted")
                .description("Alerts the webhook accepted").register(registry);
        for (WebhookClient.Verdict v : WebhookClient.Verdict.values()) {
            attempts.put(v, Counter.builder("embryo.alert.webhook.attempts").tag("verdict", v.name())
                    .description("Webhook requests, by verdict").register(registry));
        }
        for (UndeliverableReason r : UndeliverableReason.values()) {
            undeliverable.put(r, Counter.builder("embryo.alert.undeliverable").tag("reason", r.name())
                    .description("Alerts sent to the undeliverable topic, by reason").register(registry));
        }
        webhookTime = Timer.builder("embryo.alert.webhook.duration").description("Time of one webhook request")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void attempted(String alertId, WebhookClient.Attempt attempt, Duration took) {
        attempts.get(attempt.verdict()).increment();
        webhookTime.record(took);
    }

    @Override
    public void accepted(String alertId, int attemptCount) {
        accepted.increment();
    }

    @Override
    public void undeliverable(String key, UndeliverableReason reason, String detail) {
        undeliverable.get(reason).increment();
    }
}
