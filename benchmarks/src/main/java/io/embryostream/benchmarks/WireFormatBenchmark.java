package io.embryostream.benchmarks;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.FramePlanes;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How frames travel, per time point of the three-plane default model: the old default (canonical PNG,
 * producer uncompressed) against raw GRAY8 uncompressed, with lz4, and with zstd (the new default). Each
 * configuration publishes the same rendered frames through the ingest's {@link KafkaFrameSink} into a
 * fresh embedded broker, then reads them back as the classifier's intake does (Avro decode, pixels).
 * Reported: bytes the producer sent, bytes on the broker's disk, and the CPU of the publishing thread
 * (PNG encode where the format needs it, Avro, compression — all on the caller's thread) and of the
 * reading thread (decompression, Avro, PNG decode).
 *
 * <p>Usage: {@code WireFormatBenchmark [embryos=50] [timePoints=20]}
 */
public final class WireFormatBenchmark {

    private static final List<Integer> PLANES = List.of(-15, 0, 15);

    private WireFormatBenchmark() {
    }

    private record Format(String name, ImageEncoding encoding, String compression) {
    }

    public static void main(String[] argv) throws Exception {
        BenchmarkArgs args = new BenchmarkArgs(argv);
        int embryos = args.getInt("embryos", 50);
        int timePoints = args.getInt("timePoints", 20);
        PipelineBenchmark.print("machine: %s", MachineLoad.now().describe());
        RenderedCohort cohort = RenderedCohort.render(PLANES, embryos, timePoints, 2);
        List<byte[][]> pixels = cohort.pixels();
        PipelineBenchmark.print("frames: %d embryos x %d time points x %d planes = %d frames, rendered in %.1f s",
                embryos, timePoints, PLANES.size(), cohort.frameCount(), cohort.renderSeconds());
        List<Format> formats = List.of(new Format("PNG, uncompressed (before)", ImageEncoding.PNG, "none"),
                new Format("GRAY8 + lz4", ImageEncoding.GRAY8, "lz4"),
                new Format("GRAY8 + zstd (default)", ImageEncoding.GRAY8, "zstd"),
                new Format("GRAY8, uncompressed", ImageEncoding.GRAY8, "none"));
        for (int round = 0; round < 2; round++) {
            for (Format format : formats) {
                measure(format, cohort, pixels, round == 0);
            }
        }
        PipelineBenchmark.print("machine after: %s", MachineLoad.now().describe());
    }

    private static void measure(Format format, RenderedCohort cohort, List<byte[][]> pixels, boolean warmUp) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createCatalogTopics(TopicCatalog.standard());
            long published = 0;
            long cpu0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            double wireBytes;
            try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", broker.bootstrapServers(),
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, format.compression()))) {
                for (int i = 0; i < cohort.timePoints().size(); i++) {
                    FrameEvent f = FrameEvent.newBuilder(cohort.timePoints().get(i)).build();
                    byte[][] planes = pixels.get(i);
                    f.setImage(image(format.encoding(), planes[0]));
                    List<PlaneImage> others = new ArrayList<>();
                    for (int p = 1; p < planes.length; p++) {
                        PlaneImage other = f.getOtherPlanes().get(p - 1);
                        others.add(new PlaneImage(other.getFocalPlane(), image(format.encoding(), planes[p]),
                                other.getSourceRef()));
                    }
                    f.setOtherPlanes(others);
                    sink.frame(f);
                    published++;
                }
                sink.flush();
                wireBytes = sink.producerMetric("outgoing-byte-total");
            }
            double publishCpuMs = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e6;
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            long diskBytes = broker.admin().describeLogDirs(List.of(0)).allDescriptions().get().values().stream()
                    .flatMap(d -> d.values().stream()).flatMap(d -> d.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(Topics.FRAMES.name())).mapToLong(e -> e.getValue().size()).sum();
            long cpu1 = cpu.getCurrentThreadCpuTime();
            long read = readBack(broker.bootstrapServers(), published);
            double readCpuMs = (cpu.getCurrentThreadCpuTime() - cpu1) / 1e6;
            int tps = cohort.timePointCount();
            if (!warmUp) {
                PipelineBenchmark.print("%-27s per time point: %6.1f KB sent, %6.1f KB on disk, publish CPU %.2f ms,"
                                + " read CPU %.2f ms (%d records published in %.1f s, %d read back)", format.name(),
                        wireBytes / tps / 1024, diskBytes / (double) tps / 1024, publishCpuMs / tps, readCpuMs / tps,
                        published, publishSeconds, read);
            }
        }
    }

    private static Image image(ImageEncoding encoding, byte[] pixels) {
        if (encoding == ImageEncoding.GRAY8) {
            return CanonicalImages.gray8(pixels);
        }
        return Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(pixels))).setEncoding(ImageEncoding.PNG)
                .setWidth(256).setHeight(256).build();
    }

    /** Reads every frame back on this thread as the classifier's intake does: Avro, then the pixels. */
    private static long readBack(String bootstrap, long expected) throws CanonicalPngException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4194304"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(Topics.FRAMES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            List<byte[]> keep = new ArrayList<>(1);
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    keep.clear();
                    for (PlaneImage plane : FramePlanes.of(Topics.FRAMES.codec().decode(r.topic(), r.value()))) {
                        keep.add(CanonicalImages.pixels(plane.getImage()));
                    }
                    read++;
                }
            }
            return read;
        }
    }
}
