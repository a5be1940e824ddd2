package io.embryostream.launcher;

import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job on embedded defaults: a real Kafka broker in this process (unless brokers are
 * given) with the catalog's topics, then the synthetic incubator and the classifier, until the
 * duration passes or Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on embedded defaults: Kafka broker, synthetic incubator, classifier.",
                "Stops after --duration or on Ctrl-C, printing a summary."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to run (e.g. 60s, 10m); runs until Ctrl-C when absent.")
    Duration duration;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker keeps its data (default: a temporary directory, deleted at exit).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.bootstrap.servers", kafka.bootstrapServers);
        overrides.put("demo.data.dir", dataDir == null ? null : dataDir.toString());
        Settings settings = Settings.resolve(Map.of(), kafka.configFile, System.getenv(), overrides);
        System.out.println("embryo-stream demo, settings:\n" + settings.describe());

        GracefulStop ctrlC = new GracefulStop("demo");
        EmbeddedKafkaBroker broker = null;
        try {
            String bootstrap;
            if (settings.has("kafka.bootstrap.servers")) {
                bootstrap = settings.get("kafka.bootstrap.servers");
                System.out.println("Using Kafka at " + bootstrap);
            } else {
                broker = EmbeddedKafkaBroker.start(dataDir, Map.of());
                broker.createCatalogTopics(TopicCatalog.standard());
                bootstrap = broker.bootstrapServers();
                System.out.println("Embedded Kafka broker at " + bootstrap + " with topics "
                        + TopicCatalog.standard().topics().stream().map(t -> t.name()).toList());
            }
            long t0 = System.nanoTime();
            System.out.println(duration == null ? "Running; Ctrl-C stops." : "Running for " + duration.toSeconds() + " s; Ctrl-C stops earlier.");
            boolean stoppedByUser = ctrlC.await(duration);
            System.out.printf("Demo %s after %.1f s.%n", stoppedByUser ? "interrupted" : "finished",
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            ctrlC.close();
        }
    }
}
