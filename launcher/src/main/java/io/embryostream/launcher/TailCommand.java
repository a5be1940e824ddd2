package io.embryostream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.embryostream.config.Settings;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.topics.CommittedReader;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A catalog topic as JSON lines, for people and {@code jq}: the values are Avro single-object
 * encoded, which {@code kcat} and Connect cannot read. Reads committed records only and joins no
 * consumer group, so it commits nothing and disturbs no service.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON, one object per line (bytes summarised, dead letters decoded with"
                + " their reason and original value).",
                "From the end unless --from-beginning; ends after --max records, or once no record came for --idle."})
final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "TOPIC", description = "A topic of the catalog, e.g. embryo.stages.v1.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at each partition's first record instead of its end.")
    boolean fromBeginning;

    @Option(names = "--key", paramLabel = "EMBRYO_ID", description = "Only records of this embryo (the record key).")
    String key;

    @Option(names = "--max", paramLabel = "N", description = "End after N records.")
    Integer max;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "End once no record came for this long (default ${DEFAULT-VALUE}).")
    Duration idle;

    @Override
    public Integer call() {
        Optional<Topic<?>> topic = Topics.named(topicName);
        if (topic.isEmpty()) {
            System.err.println("Unknown topic '" + topicName + "'; the catalog's topics: "
                    + Topics.all().stream().map(Topic::name).collect(Collectors.joining(", ")));
            return 2;
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("kafka.bootstrap.servers", null);
        Settings settings = Settings.resolve(defaults, kafka.configFile, System.getenv(), kafka.overrides());
        System.err.println("embryo-stream tail, settings:\n" + settings.describe());
        try (KafkaConsumer<String, byte[]> consumer = CommittedReader.open(settings.withPrefix("kafka."),
                topicName, Duration.ofMinutes(1))) {
            if (fromBeginning) {
                consumer.seekToBeginning(consumer.assignment());
            } else {
                consumer.seekToEnd(consumer.assignment());
            }
            return tail(consumer, topic.get(), System.out, System.err);
        }
    }

    private int tail(KafkaConsumer<String, byte[]> consumer, Topic<?> topic, PrintStream out, PrintStream err) {
        int printed = 0;
        long lastRecord = System.nanoTime();
        while (max == null || printed < max) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty() && System.nanoTime() - lastRecord > idle.toNanos()) {
                break;
            }
            for (ConsumerRecord<String, byte[]> r : records) {
                lastRecord = System.nanoTime();
                if (key != null && !key.equals(r.key()) || max != null && printed >= max) {
                    continue;
                }
                try {
                    out.println(JSON.writeValueAsString(line(topic, r)));
                    printed++;
                } catch (EventDecodingException | org.apache.avro.AvroRuntimeException
                         | com.fasterxml.jackson.core.JsonProcessingException e) {
                    err.println(r.topic() + "/" + r.partition() + "@" + r.offset() + ": cannot decode: " + e.getMessage());
                }
            }
        }
        out.flush();
        return 0;
    }

    private static ObjectNode line(Topic<?> topic, ConsumerRecord<String, byte[]> r) throws EventDecodingException {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset())
                .put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString()).put("key", r.key());
        if (r.value() == null) {
            line.putNull("value");
            return line;
        }
        SpecificRecord value = topic.codec().decode(r.topic(), r.value());
        line.set("value", RecordJson.of(value));
        if (value instanceof DeadLetter dead) {
            line.set("original", original(dead));
        }
        return line;
    }

    /** A dead letter's original value decoded as its origin topic's event, or why it cannot be. */
    private static com.fasterxml.jackson.databind.JsonNode original(DeadLetter dead) {
        if (dead.getOriginalValue() == null) {
            return JSON.nullNode();
        }
        byte[] bytes = new byte[dead.getOriginalValue().remaining()];
        dead.getOriginalValue().duplicate().get(bytes);
        Optional<Topic<?>> origin = Topics.named(dead.getOriginTopic());
        if (origin.isEmpty()) {
            return JSON.createObjectNode().put("undecoded", "origin topic " + dead.getOriginTopic() + " is not in the catalog")
                    .set("bytes", RecordJson.bytes(java.nio.ByteBuffer.wrap(bytes)));
        }
        try {
            return RecordJson.of(origin.get().codec().decode(dead.getOriginTopic(), bytes));
        } catch (EventDecodingException e) {
            return JSON.createObjectNode().put("undecoded", e.getMessage())
                    .set("bytes", RecordJson.bytes(java.nio.ByteBuffer.wrap(bytes)));
        }
    }
}
