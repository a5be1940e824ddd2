package io.embryostream.ingest.publish;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes frames and lifecycle events with an idempotent producer (acks=all, no duplicates from
 * retries), zstd-compressed unless {@code compression.type} says otherwise. Keys are embryo ids, so all of an embryo's frames land in one partition in order.
 * Sends are asynchronous; the first failure is kept and thrown by every later {@link #flush()},
 * which is where the ingest advances its checkpoint. It stays thrown: with several threads
 * flushing one producer, the failure of one thread's frame must stop every thread's checkpoint,
 * not only the first that flushes. Thread-safe.
 */
public final class KafkaFrameSink implements FrameSink {

    private final Producer<String, byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            firstFailure.compareAndSet(null, e);
        }
    };

    /**
     * @param clientConfig Kafka client settings ({@code bootstrap.servers}, security); producer
     *     settings that the guarantees depend on are set here and cannot be overridden
     */
    public KafkaFrameSink(Map<String, String> clientConfig) {
        this.producer = new KafkaProducer<>(producerConfig(clientConfig), new StringSerializer(), new ByteArraySerializer());
    }

    /** The producer settings of both sinks: compression and batching defaults, and the guarantees, not overridable. */
    static Map<String, Object> producerConfig(Map<String, String> clientConfig) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // Frames travel as raw GRAY8: the producer compresses each batch, the consumer's client decompresses.
        // zstd: a quarter fewer bytes on the wire and on disk than lz4 for a fraction of PNG's CPU
        // (docs/BENCHMARKS.md, "Frames on the wire").
        c.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "embryo-stream-ingest");
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.FRAMES.spec().config()
                .getOrDefault("max.message.bytes", "1048576"));
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        return c;
    }

    @Override
    public void frame(FrameEvent frame) {
        producer.send(record(frame), onAck);
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        producer.send(record(event), onAck);
    }

    /** A frame's record: keyed by its embryo, so an embryo's frames share a partition, in order. */
    static ProducerRecord<String, byte[]> record(FrameEvent frame) {
        return new ProducerRecord<>(Topics.FRAMES.name(), frame.getEmbryoId(), Topics.FRAMES.codec().encode(frame));
    }

    static ProducerRecord<String, byte[]> record(EmbryoLifecycle event) {
        return new ProducerRecord<>(Topics.LIFECYCLE.name(), event.getEmbryoId(), Topics.LIFECYCLE.codec().encode(event));
    }

    @Override
    public void flush() {
        producer.flush();
        Exception e = firstFailure.get();
        if (e != null) {
            throw new PublishException("Kafka did not accept frames: " + e.getMessage()
                    + " (check the brokers and the topic catalog; the checkpoint was not advanced, so a rerun"
                    + " resumes from the last acknowledged frame)", e);
        }
    }

    /** A metric of the producer's {@code producer-metrics} group (e.g. {@code outgoing-byte-total}), NaN if absent. */
    public double producerMetric(String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(Double.NaN);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
