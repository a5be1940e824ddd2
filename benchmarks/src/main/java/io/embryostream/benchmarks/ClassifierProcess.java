package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierApp;
import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The classifier in a JVM of its own, driven by {@link LatencyBenchmark} over stdin/stdout, so its
 * memory figures are the classifier's alone (the benchmark's broker and publisher live in the
 * other JVM). Prints {@code READY} once Kafka Streams runs; on the line {@code memory} prints one
 * {@code MEMORY key=value …} line; stops on {@code stop} or end of input. Logs go to stderr.
 *
 * <p>Usage: {@code ClassifierProcess SETTINGS.properties}
 */
public final class ClassifierProcess {

    private ClassifierProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Settings settings = Settings.resolve(ClassifierConfig.defaults(), Path.of(args[0]), Map.of(), Map.of());
        try (ClassifierApp app = ClassifierApp.start(new ClassifierConfig(settings));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (app.streams().state() != KafkaStreams.State.RUNNING) {
                if (app.streams().state().hasCompletedShutdown()) {
                    throw new IllegalStateException("Kafka Streams stopped before running: " + app.streams().state());
                }
                Thread.sleep(50);
            }
            System.out.println("READY");
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("memory")) {
                    ProcessMemory m = ProcessMemory.measure();
                    RocksDbMemory r = RocksDbMemory.of(app.streams().metrics());
                    System.out.println(String.format(Locale.ROOT, "MEMORY heapUsedAfterGc=%d heapMax=%d rss=%d"
                                    + " rocksdbBlockCacheUsage=%d rocksdbBlockCacheCapacity=%d rocksdbMemtables=%d"
                                    + " rocksdbTableReaders=%d rocksdbStores=%d activeEmbryos=%d",
                            m.heapUsedAfterGcBytes(), m.heapMaxBytes(), m.rssBytes(), r.blockCacheUsageBytes(),
                            r.blockCacheCapacityBytes(), r.memtableBytes(), r.tableReaderBytes(), r.stores(),
                            app.metrics().activeEmbryos()));
                }
            }
        }
    }
}
