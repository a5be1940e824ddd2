package io.embryostream.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (setting kafka.bootstrap.servers, env EMBRYO_KAFKA_BOOTSTRAP_SERVERS)."
                    + " The demo starts an embedded broker when none is given.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings; environment variables EMBRYO_* and options override it.")
    Path configFile;
}
