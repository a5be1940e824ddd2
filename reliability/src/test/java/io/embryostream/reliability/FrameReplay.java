package io.embryostream.reliability;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.SampleEvents;
import io.embryostream.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An incubator replayed in rounds: every embryo's next time point each round, paced so the replay spans the fault
 * schedule, through the proxies with an idempotent producer (acks=all) as the ingest publishes. A few inputs are
 * bad on purpose (a corrupt PNG, under embryo ids of their own): the dead letters the verifier expects, by offset.
 */
final class FrameReplay implements Runnable {

    /** One published record, in publishing order: the fault-free reference run replays the same list. */
    record Input(String key, byte[] value) {
    }

    private final String bootstrapServers;
    private final List<String> embryos;
    private final int timePoints;
    private final Duration round;
    private final List<Input> inputs = new CopyOnWriteArrayList<>();
    private final Set<String> badOffsets = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile int roundsDone;

    FrameReplay(String bootstrapServers, List<String> embryos, int timePoints, Duration round) {
        this.bootstrapServers = bootstrapServers;
        this.embryos = embryos;
        this.timePoints = timePoints;
        this.round = round;
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int tp = 1; tp <= timePoints; tp++) {
                for (int i = 0; i < embryos.size(); i++) {
                    byte[] value = Topics.FRAMES.codec().encode(frame(embryos.get(i), i, tp));
                    send(producer, embryos.get(i), value, false);
                }
                if (tp % 10 == 5) {
                    send(producer, "bad-" + tp, corrupt(tp), true);
                }
                producer.flush();
                roundsDone = tp;
                long next = start + round.toNanos() * tp;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, byte[] value, boolean bad) {
        inputs.add(new Input(key, value));
        producer.send(new ProducerRecord<>(Topics.FRAMES.name(), key, value), (m, e) -> {
            if (e != null) {
                failures.add(e); // the idempotent producer gave up: the campaign fails, nothing is resent by hand
            } else if (bad) {
                badOffsets.add(m.partition() + "@" + m.offset());
            }
        });
    }

    /** A disc whose size and shade follow the time point, so the model's stages change along the culture. */
    private static FrameEvent frame(String embryo, int index, int tp) {
        byte[] px = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        int radius = 40 + (tp * 3 + index * 7) % 80;
        for (int y = 0; y < CanonicalFrame.SIZE; y++) {
            for (int x = 0; x < CanonicalFrame.SIZE; x++) {
                int dx = x - 128;
                int dy = y - 128;
                px[y * CanonicalFrame.SIZE + x] = (byte) (dx * dx + dy * dy < radius * radius ? 40 + (tp * 5) % 150 : 210);
            }
        }
        FrameEvent f = SampleEvents.frame(embryo, tp, 0);
        f.setHoursPostInsemination(tp / 6.0);
        f.setImage(Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(px))).setEncoding(ImageEncoding.PNG)
                .setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build());
        return f;
    }

    /** A frame whose PNG does not decode: a dead letter CORRUPT_IMAGE. */
    private static byte[] corrupt(int tp) {
        FrameEvent f = SampleEvents.frame("bad-" + tp, 1, 0);
        f.setImage(Image.newBuilder().setData(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}))
                .setEncoding(ImageEncoding.PNG).setWidth(CanonicalFrame.SIZE).setHeight(CanonicalFrame.SIZE).build());
        return Topics.FRAMES.codec().encode(f);
    }

    List<Input> inputs() {
        return Collections.unmodifiableList(new ArrayList<>(inputs));
    }

    /** Partition@offset of every input made bad on purpose. */
    Set<String> badOffsets() {
        return Set.copyOf(badOffsets);
    }

    List<Throwable> failures() {
        return failures;
    }

    int roundsDone() {
        return roundsDone;
    }
}
