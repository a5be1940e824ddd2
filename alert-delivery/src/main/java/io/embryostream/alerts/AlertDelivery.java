package io.embryostream.alerts;

import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers AlertEvents to the webhook, one at a time in each partition's order, at least once:
 * an alert's offset is committed only after the webhook accepted it (or after it was written to
 * the undeliverable topic), so a crash repeats at most the alert in flight, under the same
 * Idempotency-Key. Retries back off exponentially; an alert the webhook rejects for good, or that
 * is still failing at the give-up time, goes to the undeliverable topic with its original bytes
 * and headers saying why, and delivery moves on.
 */
public final class AlertDelivery implements AutoCloseable {

    /** Headers of an undeliverable record; its key and value are the original alert's. */
    public static final String REASON_HEADER = "embryo.undeliverable.reason";
    public static final String DETAIL_HEADER = "embryo.undeliverable.detail";
    public static final String ATTEMPTS_HEADER = "embryo.undeliverable.attempts";
    public static final String ORIGIN_HEADER = "embryo.undeliverable.origin";

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String sourceTopic;
    private final String undeliverableTopic;
    private final WebhookClient webhook;
    private final Backoff backoff;
    private final DeliveryListener listener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;

    private AlertDelivery(AlertDeliveryConfig config, DeliveryListener listener, MeterRegistry registry) {
        this.sourceTopic = config.sourceTopic();
        this.undeliverableTopic = config.undeliverableTopic();
        this.webhook = new WebhookClient(config.webhookUrl(), config.webhookTimeout(), config.signer());
        this.backoff = config.backoff();
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(config.consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(config.producerConfig(), new StringSerializer(),
                new ByteArraySerializer());
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        this.producerMetrics = new KafkaClientMetrics(producer);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);
        this.thread = new Thread(this::run, "alert-delivery");
    }

    /** Starts delivering on a thread of its own; {@link #close()} stops it. */
    public static AlertDelivery start(AlertDeliveryConfig config, DeliveryListener listener, MeterRegistry registry) {
        AlertDelivery delivery = new AlertDelivery(config, listener, registry);
        delivery.thread.start();
        log.info("Delivering alerts from {} to {} (undeliverable ones to {})", delivery.sourceTopic,
                config.webhookUrl(), delivery.undeliverableTopic);
        return delivery;
    }

    /** True while delivering; false once stopped or failed (see {@link #failure()}). */
    public boolean running() {
        return thread.isAlive() && failure == null;
    }

    /** Why delivery stopped on its own (Kafka unreachable, a listener threw), if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Waits until delivery has stopped; true when it did within {@code timeout}. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(sourceTopic));
            while (stop.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (!deliver(r)) {
                        return;
                    }
                    consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (stop.getCount() > 0) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("Alert delivery stopped; uncommitted alerts are delivered again on restart", e);
        } finally {
            // Closing without a commit is the point: what was not committed is delivered again.
            consumerMetrics.close();
            producerMetrics.close();
            consumer.close();
            producer.close();
        }
    }

    /** Delivers one record (or dead-letters it); false when asked to stop before it was settled. */
    private boolean deliver(ConsumerRecord<String, byte[]> r) {
        AlertEvent alert;
        try {
            alert = Topics.ALERTS.codec().decode(r.topic(), r.value());
        } catch (EventDecodingException e) {
            undeliverable(r, UndeliverableReason.UNDECODABLE, e.getMessage(), 0);
            return true;
        }
        String id = alert.getAlertId();
        byte[] body = AlertJson.render(alert);
        long first = System.nanoTime();
        try {
            for (int attempt = 1; ; attempt++) {
                long t0 = System.nanoTime();
                WebhookClient.Attempt result = webhook.post(id, body, attempt);
                listener.attempted(id, result, Duration.ofNanos(System.nanoTime() - t0));
                switch (result.verdict()) {
                    case ACCEPTED -> {
                        listener.accepted(id, attempt);
                        return true;
                    }
                    case REJECTED -> {
                        undeliverable(r, UndeliverableReason.REJECTED, result.detail(), attempt);
                        return true;
                    }
                    case RETRY -> {
                        Optional<Duration> wait = backoff.delayAfter(attempt, Duration.ofNanos(System.nanoTime() - first));
                        if (wait.isEmpty()) {
                            undeliverable(r, UndeliverableReason.GAVE_UP, result.detail(), attempt);
                            return true;
                        }
                        log.warn("Alert {} attempt {} failed ({}); retrying in {} ms", id, attempt, result.detail(),
                                wait.get().toMillis());
                        if (stop.await(wait.get().toMillis(), TimeUnit.MILLISECONDS)) {
                            return false;
                        }
                    }
                    default -> throw new IllegalStateException("unknown verdict " + result.verdict());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void undeliverable(ConsumerRecord<String, byte[]> r, UndeliverableReason reason, String detail,
                               int attempts) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.name().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
        headers.add(ATTEMPTS_HEADER, String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_HEADER, (r.topic() + "/" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(undeliverableTopic, null, r.key(), r.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing an undeliverable alert to " + undeliverableTopic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write an undeliverable alert to " + undeliverableTopic + ": "
                    + e.getCause().getMessage() + " (does the topic exist, may this user write it?)", e.getCause());
        }
        log.error("Alert {}/{}@{} (key {}) is undeliverable: {} {}; written to {}", r.topic(), r.partition(),
                r.offset(), r.key(), reason, detail, undeliverableTopic);
        listener.undeliverable(r.key(), reason, detail);
    }

    @Override
    public void close() {
        stop.countDown();
        consumer.wakeup();
        try {
            if (!awaitStopped(Duration.ofSeconds(30))) {
                log.warn("Alert delivery did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
