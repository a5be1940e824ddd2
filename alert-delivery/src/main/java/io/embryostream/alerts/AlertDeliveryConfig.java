package io.embryostream.alerts;

import io.embryostream.config.ConfigException;
import io.embryostream.config.Settings;
import io.embryostream.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Alert delivery's settings: defaults here, a properties file, {@code EMBRYO_*} environment
 * variables. Kafka client settings pass through under {@code kafka.} (TLS, SASL), as for every service.
 */
public final class AlertDeliveryConfig {

    private final Settings settings;

    public AlertDeliveryConfig(Settings settings) {
        this.settings = settings;
    }

    /** Every setting alert delivery reads, with its default (null: required). */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kafka.bootstrap.servers", null);
        d.put("alerts.topic", Topics.ALERTS.name());
        d.put("alerts.group.id", "embryo-alerts");
        d.put("alerts.webhook.url", null);
        d.put("alerts.webhook.secret", null);
        d.put("alerts.webhook.timeout.ms", "10000");
        d.put("alerts.retry.initial.ms", "500");
        d.put("alerts.retry.max.ms", "30000");
        d.put("alerts.retry.give.up.after.ms", "120000");
        d.put("alerts.retry.jitter", "0.5");
        d.put("alerts.undeliverable.topic", Topics.ALERTS_UNDELIVERABLE.name());
        d.put("metrics.port", "9465");
        return d;
    }

    public Settings settings() {
        return settings;
    }

    public URI webhookUrl() {
        String url = settings.get("alerts.webhook.url");
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'alerts.webhook.url' must be an http(s) URL, was '" + url + "': "
                    + e.getMessage());
        }
    }

    public WebhookSigner signer() {
        return new WebhookSigner(settings.get("alerts.webhook.secret"));
    }

    public Duration webhookTimeout() {
        return Duration.ofMillis(settings.getInt("alerts.webhook.timeout.ms"));
    }

    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(settings.getInt("alerts.retry.initial.ms")),
                Duration.ofMillis(settings.getInt("alerts.retry.max.ms")),
                Duration.ofMillis(settings.getInt("alerts.retry.give.up.after.ms")),
                Double.parseDouble(settings.get("alerts.retry.jitter")));
    }

    public String sourceTopic() {
        return settings.get("alerts.topic");
    }

    public String undeliverableTopic() {
        return settings.get("alerts.undeliverable.topic");
    }

    public int metricsPort() {
        return settings.getInt("metrics.port");
    }

    /**
     * Consumer: manual commits only (after the webhook accepted), one record per poll so a long
     * retry never outlives {@code max.poll.interval.ms}, committed reads only (the classifier writes
     * alerts in transactions).
     */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> c = kafkaClientConfig();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get("alerts.group.id"));
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        long giveUp = settings.getInt("alerts.retry.give.up.after.ms");
        long pollInterval = Long.parseLong(String.valueOf(c.getOrDefault(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                "300000")));
        if (giveUp + webhookTimeout().toMillis() >= pollInterval) {
            throw new ConfigException("alerts.retry.give.up.after.ms (" + giveUp + ") plus alerts.webhook.timeout.ms"
                    + " must stay below kafka.max.poll.interval.ms (" + pollInterval + "), or the group evicts"
                    + " this consumer mid-retry");
        }
        return c;
    }

    /** Producer of undeliverable alerts: idempotent, every replica acknowledges. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> c = kafkaClientConfig();
        c.remove(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return c;
    }

    private Map<String, Object> kafkaClientConfig() {
        return new HashMap<>(settings.withPrefix("kafka."));
    }
}
