package io.embryostream.view.review;

import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes reviews to {@code embryo.annotations.v1}, keyed by embryo id, and waits for the
 * broker's acknowledgement: the page only says "recorded" once the review cannot be lost.
 */
public final class AnnotationPublisher implements AutoCloseable {

    private final KafkaProducer<String, AnnotationEvent> producer;
    private final Duration timeout;

    public AnnotationPublisher(Map<String, String> clientSettings, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "embryo-view-annotations");
        this.producer = new KafkaProducer<>(p, Topics.ANNOTATIONS.keySerde().serializer(),
                Topics.ANNOTATIONS.valueSerde().serializer());
        this.timeout = timeout;
    }

    /** Sends and waits; throws {@link AnnotationRejectedException} (503) when Kafka does not take it. */
    public void publish(AnnotationEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.ANNOTATIONS.name(), event.getEmbryoId(), event))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AnnotationRejectedException(503, "Kafka did not take the review (" + e.getMessage()
                    + "); nothing was recorded, send it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnotationRejectedException(503, "interrupted before Kafka acknowledged the review; send it again");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
