package io.embryostream.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Settings given as options, highest precedence: the brokers and the given key–value pairs. An
     * option left out is null and leaves its setting as configured.
     */
    Map<String, String> overrides(Object... keysAndValues) {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrap.servers", bootstrapServers);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            o.put((String) keysAndValues[i], value == null ? null : value.toString());
        }
        return o;
    }
}
