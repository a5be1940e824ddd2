package io.embryostream.launcher;

import io.embryostream.schemas.DeadLetterReplay;
import io.embryostream.topics.CommittedReader;
import io.embryostream.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts dead letters back on their source topics exactly once: each replayed record and its entry in the replay
 * ledger ({@code embryo.replays.v1}, keyed by the dead letter's coordinates) are written in one transaction, and a
 * run first reads the ledger and skips what is in it. So a second run replays nothing twice, and a run killed
 * midway is finished by the next one. Runs fence each other by their shared transactional id: run one at a time.
 */
final class DeadLetterReplayer {

    /** Header naming the dead letter a record was put back from ({@code topic/partition@offset}). */
    static final String REPLAY_OF_HEADER = "embryo.replay.of";
    /** Header naming the replay run. */
    static final String REPLAY_ID_HEADER = "embryo.replay.id";
    /** Header with the reason the record had been set aside for. */
    static final String REPLAY_REASON_HEADER = "embryo.replay.reason";


    /** What to replay: reasons (empty: every reason), a time range of the dead letters, one embryo. */
    record Selection(Set<String> reasons, Instant since, Instant until, String key) {

        boolean selects(ConsumerRecord<String, byte[]> r, ReplaySource.Letter l) {
            return (reasons.isEmpty() || reasons.contains(l.reason()))
                    && (until == null || r.timestamp() <= until.toEpochMilli())
                    && (key == null || key.equals(l.key()));
        }
    }

    /** What a run did; {@code refused} maps each refusal message to how many letters it refused. */
    record Outcome(String replayId, Map<String, Integer> replayed, int alreadyReplayed, Map<String, Integer> refused,
                   int notSelected, List<String> unreadable) {

        int replayedTotal() {
            return replayed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<String, Object> kafka;
    private final String transactionalId;
    private final int recordsPerTransaction;
    private final Duration readTimeout;
    private final String replayedBy;
    private final Clock clock;

    DeadLetterReplayer(Map<String, Object> kafka, String transactionalId, int recordsPerTransaction,
                       Duration readTimeout, String replayedBy, Clock clock) {
        this.kafka = kafka;
        this.transactionalId = transactionalId;
        this.recordsPerTransaction = recordsPerTransaction;
        this.readTimeout = readTimeout;
        this.replayedBy = replayedBy;
        this.clock = clock;
    }

    Outcome run(ReplaySource source, Selection selection, boolean dryRun) {
        Set<String> done = new HashSet<>();
        read(Topics.REPLAYS.name(), null, r -> done.add(r.key()));
        String replayId = UUID.randomUUID().toString();
        Map<String, Integer> replayed = new TreeMap<>();
        Map<String, Integer> refused = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        int[] skipped = new int[2];
        List<ReplaySource.Letter> toReplay = new ArrayList<>();
        read(source.source.name(), selection.since(), r -> {
            ReplaySource.Letter letter;
            try {
                letter = source.letter(r);
            } catch (RuntimeException e) {
                unreadable.add(ReplaySource.coordinates(r) + ": " + e.getMessage());
                return;
            }
            if (!selection.selects(r, letter)) {
                skipped[1]++;
            } else if (done.contains(letter.coordinates())) {
                skipped[0]++;
            } else {
                Optional<String> why = source.refusal(letter.reason()).or(letter::unreadable);
                if (why.isPresent()) {
                    refused.merge(letter.reason() + ": " + why.get(), 1, Integer::sum);
                } else {
                    toReplay.add(letter);
                    replayed.merge(letter.reason(), 1, Integer::sum);
                }
            }
        });
        if (!dryRun && !toReplay.isEmpty()) {
            write(replayId, toReplay);
        }
        return new Outcome(replayId, replayed, skipped[0], refused, skipped[1], unreadable);
    }

    /** The replayed records and their ledger entries, {@code recordsPerTransaction} letters per transaction. */
    private void write(String replayId, List<ReplaySource.Letter> letters) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            for (int from = 0; from < letters.size(); from += recordsPerTransaction) {
                producer.beginTransaction();
                for (ReplaySource.Letter l : letters.subList(from, Math.min(letters.size(), from + recordsPerTransaction))) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(REPLAY_OF_HEADER, utf8(l.coordinates()));
                    headers.add(REPLAY_ID_HEADER, utf8(replayId));
                    headers.add(REPLAY_REASON_HEADER, utf8(l.reason()));
                    producer.send(new ProducerRecord<>(l.targetTopic(), l.targetPartition(), l.key(), l.value(), headers));
                    producer.send(new ProducerRecord<>(Topics.REPLAYS.name(), l.coordinates(),
                            Topics.REPLAYS.codec().encode(entry(replayId, l))));
                }
                producer.commitTransaction();
            }
        }
    }

    private DeadLetterReplay entry(String replayId, ReplaySource.Letter l) {
        return DeadLetterReplay.newBuilder().setReplayId(replayId).setDeadLetterTopic(l.topic())
                .setDeadLetterPartition(l.partition()).setDeadLetterOffset(l.offset()).setReason(l.reason())
                .setTargetTopic(l.targetTopic()).setTargetPartition(l.targetPartition()).setEmbryoId(l.key())
                .setReplayedBy(replayedBy).setReplayTime(clock.instant()).build();
    }

    private void read(String topic, Instant since, Consumer<ConsumerRecord<String, byte[]>> each) {
        CommittedReader.readToEnd(kafka, topic, since, readTimeout, each);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
