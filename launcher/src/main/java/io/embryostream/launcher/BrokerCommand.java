package io.embryostream.launcher;

import io.embryostream.kafka.embedded.EmbeddedKafkaBroker;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded KRaft broker as a process of its own, so a laptop without Docker runs the real
 * multi-process topology (broker, simulate, classify, view, alerts as separate JVMs). Dev only: one
 * node, everything replicated once, no security; the dev distribution has it, the service images do not.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"DEV ONLY: run a single-node Kafka broker (KRaft, in-process) with the catalog's topics,"
                + " for running the services as separate processes on one machine. Not for production:"
                + " one replica, no authentication. Stops on Ctrl-C or after --duration."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the broker keeps its data (default: a temporary directory, deleted at exit)."
                    + " A kept directory keeps topics and offsets across restarts.")
    Path dataDir;

    @Option(names = "--address-file", paramLabel = "FILE",
            description = "Also write the bootstrap address to FILE once the topics exist (for scripts).")
    Path addressFile;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        try (GracefulStop ctrlC = new GracefulStop("broker");
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, Map.of())) {
            broker.createCatalogTopics(TopicCatalog.standard());
            String address = broker.bootstrapServers();
            System.out.println("DEV ONLY Kafka broker (one node, no replication, no authentication) at " + address);
            System.out.println("Topics: " + TopicCatalog.standard().topics().stream().map(TopicSpec::name).toList());
            System.out.println("Data in " + broker.dataDir() + (dataDir == null ? " (deleted at exit)" : ""));
            System.out.println("Next, in other terminals:  ./embryo-stream classify --bootstrap-servers " + address
                    + "   (and simulate, view, alerts: README, 'Separate processes')");
            if (addressFile != null) {
                Path tmp = addressFile.resolveSibling(addressFile.getFileName() + ".tmp");
                Files.writeString(tmp, address + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, addressFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ctrlC.await(duration);
            System.out.println("Broker stopping.");
            return 0;
        }
    }
}
