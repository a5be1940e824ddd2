package io.embryostream.ingest.publish;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.IngestProgress;
import io.embryostream.topics.CommittedReader;
import io.embryostream.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes frames exactly once: each export worker thread has a transactional producer of its own (an embryo is
 * published by one thread, so its frames and its progress share one transaction), and a unit's progress
 * ({@code embryo.ingest.progress.v1}) is committed in the same transaction as its frames. A killed run leaves its
 * open transactions to be aborted (fenced by the next run, which reuses the transactional ids, or timed out), and
 * resumes from the committed progress: nothing twice, nothing lost. Frames sent after the last commit of a unit are
 * aborted on close and published again by the next run.
 */
public final class TransactionalFrameSink implements FrameSink {

    private final Map<String, Object> config;
    private final String transactionalIdPrefix;
    private final Clock clock;
    private final AtomicInteger threads = new AtomicInteger();
    private final List<KafkaProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
    /** Producers made up front (fencing what a killed run left open under their ids), handed to threads as they come. */
    private final Queue<KafkaProducer<String, byte[]>> ready = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<KafkaProducer<String, byte[]>> producer = ThreadLocal.withInitial(() -> {
        KafkaProducer<String, byte[]> p = ready.poll();
        return p != null ? p : newProducer();
    });
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            firstFailure.compareAndSet(null, e);
        }
    };

    /**
     * @param clientConfig Kafka client settings; the settings exactly-once depends on are set here
     * @param transactionalIdPrefix the run's transactional ids are this plus a thread number: the same for a rerun
     *     of the same exports, so it fences what a killed run left open
     * @param workers the threads that will publish (the export's worker threads and the one that started them): their
     *     producers are made now, so a rerun with as many fences the killed run's open transactions before it reads
     *     the progress; a rerun with fewer waits for the rest to time out ({@link #progress})
     */
    public TransactionalFrameSink(Map<String, String> clientConfig, String transactionalIdPrefix, int workers, Clock clock) {
        this.config = new HashMap<>(KafkaFrameSink.producerConfig(clientConfig));
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.clock = clock;
        for (int i = 0; i < workers; i++) {
            ready.add(newProducer());
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + threads.getAndIncrement());
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer());
        try {
            p.initTransactions();
            p.beginTransaction();
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            throw new PublishException("cannot start the ingest's transactions: " + e.getMessage()
                    + " (is Kafka reachable; may this user write transactional ids " + transactionalIdPrefix + "-*?)", e);
        }
        producers.add(p);
        return p;
    }

    @Override
    public void frame(FrameEvent frame) {
        producer.get().send(KafkaFrameSink.record(frame), onAck);
    }

    @Override
    public void lifecycle(EmbryoLifecycle event) {
        producer.get().send(KafkaFrameSink.record(event), onAck);
    }

    /** Sends this thread's records; they become visible when {@link #commit} commits them. */
    @Override
    public void flush() {
        producer.get().flush();
        Exception e = firstFailure.get();
        if (e != null) {
            throw new PublishException("Kafka did not accept frames: " + e.getMessage() + " (the open transaction is"
                    + " aborted; a rerun resumes from the last committed progress)", e);
        }
    }

    /** Commits this thread's transaction with the progress of the units it published (unit → time points done). */
    void commit(String scope, Map<String, Integer> progress) {
        KafkaProducer<String, byte[]> p = producer.get();
        try {
            progress.forEach((unit, done) -> p.send(new ProducerRecord<>(Topics.INGEST_PROGRESS.name(), scope + "/" + unit,
                    Topics.INGEST_PROGRESS.codec().encode(IngestProgress.newBuilder().setScope(scope).setUnit(unit)
                            .setFramesDone(done).setUpdateTime(clock.instant()).build())), onAck));
            flush();
            p.commitTransaction();
            p.beginTransaction();
        } catch (KafkaException e) {
            throw new PublishException("cannot commit the ingest's transaction: " + e.getMessage() + " (another run of"
                    + " the same exports fenced this one, or Kafka is unreachable; a rerun resumes from the last commit)", e);
        }
    }

    /**
     * The committed progress of {@code scope}: unit → time points done. Reads the whole (compacted) topic once no
     * transaction is open on it: a killed run's transaction not fenced by this run's producers (it had more threads)
     * would otherwise hide every progress committed after it, and its frames would be published twice. Such a
     * transaction ends when the broker times it out ({@code transaction.timeout.ms}, 60 s by default).
     */
    Properties progress(String scope, Duration timeout) {
        Map<String, Object> c = new HashMap<>(config);
        c.keySet().removeIf(k -> k.startsWith("transactional") || ProducerConfig.configNames().contains(k)
                && !ConsumerConfig.configNames().contains(k));
        String topic = Topics.INGEST_PROGRESS.name();
        awaitNoOpenTransaction(c, topic, timeout);
        Properties done = new Properties();
        try {
            CommittedReader.readToEnd(c, topic, null, timeout, r -> {
                if (r.key() != null && r.key().startsWith(scope + "/") && r.value() != null) {
                    IngestProgress p = Topics.INGEST_PROGRESS.codec().decode(r.topic(), r.value());
                    done.setProperty(p.getUnit(), Integer.toString(p.getFramesDone()));
                }
            });
        } catch (IllegalStateException e) {
            throw new PublishException("cannot read the ingest progress: " + e.getMessage(), e);
        }
        return done;
    }

    /** Waits until the topic's last stable offset is its high watermark everywhere: no transaction open on it. */
    private static void awaitNoOpenTransaction(Map<String, Object> client, String topic, Duration timeout) {
        Map<String, Object> uncommitted = new HashMap<>(client);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, byte[]> stable = CommittedReader.open(client, topic, timeout);
             KafkaConsumer<String, byte[]> written = new KafkaConsumer<>(uncommitted, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.copyOf(stable.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stable.endOffsets(parts, timeout).equals(written.endOffsets(parts, timeout))) {
                if (System.nanoTime() > deadline) {
                    throw new PublishException("a transaction on " + topic + " stayed open for " + timeout + "; an"
                            + " earlier run may still be publishing: stop it, or wait for its transactions to time out", null);
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for open transactions to end", e);
        }
    }

    /** Aborts what no commit claimed (it is published again by the next run) and closes every producer. */
    @Override
    public void close() {
        for (KafkaProducer<String, byte[]> p : producers) {
            try {
                p.abortTransaction();
            } catch (RuntimeException e) {
                // fenced, unreachable or in a failed state: the coordinator aborts it; close it anyway
            }
            p.close(Duration.ofSeconds(30));
        }
    }
}
