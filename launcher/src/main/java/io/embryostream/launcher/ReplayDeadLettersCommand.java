package io.embryostream.launcher;

import io.embryostream.config.Settings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Puts dead letters (or undeliverable alerts) back on the topic they came from, once each: for a cause that is
 * gone, such as frames of a schema the classifier did not know before its upgrade, or alerts a broken webhook
 * refused. Reasons a replay cannot cure are refused with why.
 */
@Command(name = "replay-dead-letters", mixinStandardHelpOptions = true,
        description = {"Put dead letters back on their source topic (their original key, value and partition) with"
                + " headers naming the replay; each dead letter at most once (the ledger embryo.replays.v1).",
                "With --undeliverable-alerts: undeliverable alerts back on the alerts topic, towards the webhook.",
                "Refuses reasons a replay cannot cure (LATE, CORRUPT_IMAGE, ...) and values this build still cannot read."})
final class ReplayDeadLettersCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--undeliverable-alerts", description = "Replay embryo.alerts.undeliverable.v1 instead of the dead letters.")
    boolean undeliverableAlerts;

    @Option(names = "--reason", split = ",", paramLabel = "REASON",
            description = "Only dead letters of these reasons (default: every reason a replay can cure).")
    List<String> reasons = List.of();

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only dead letters written at or after, e.g. 2026-12-01T00:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Only dead letters written at or before.")
    Instant until;

    @Option(names = "--key", paramLabel = "EMBRYO_ID", description = "Only this embryo's dead letters.")
    String key;

    @Option(names = "--dry-run", description = "Say what would be replayed; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        ReplaySource source = undeliverableAlerts ? ReplaySource.UNDELIVERABLE_ALERTS : ReplaySource.DEAD_LETTERS;
        Optional<Integer> refused = refuseReasons(source, System.err);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("kafka.bootstrap.servers", null);
        defaults.put("replay.transactional.id", "embryo-stream-replay");
        defaults.put("replay.transaction.records", "500");
        defaults.put("replay.read.timeout.ms", "120000");
        Settings settings = Settings.resolve(defaults, kafka.configFile, System.getenv(), kafka.overrides());
        System.err.println("embryo-stream replay-dead-letters, settings:\n" + settings.describe());
        DeadLetterReplayer replayer = new DeadLetterReplayer(new HashMap<>(settings.withPrefix("kafka.")),
                settings.get("replay.transactional.id"), settings.getInt("replay.transaction.records"),
                Duration.ofMillis(settings.getInt("replay.read.timeout.ms")), System.getProperty("user.name", "unknown"),
                Clock.systemUTC());
        DeadLetterReplayer.Outcome outcome = replayer.run(source,
                new DeadLetterReplayer.Selection(Set.copyOf(reasons), since, until, key), dryRun);
        report(source, outcome, System.out);
        return 0;
    }

    /** An unknown reason, or one a replay cannot cure, ends the command before it connects (exit 2). */
    private Optional<Integer> refuseReasons(ReplaySource source, PrintStream err) {
        Set<String> problems = new LinkedHashSet<>();
        for (String r : reasons) {
            if (!source.reasons().contains(r)) {
                problems.add("Unknown reason '" + r + "' of " + source.source.name() + "; its reasons: "
                        + String.join(", ", source.reasons()));
            } else {
                source.refusal(r).ifPresent(why -> problems.add("Refused: " + r + ": " + why));
            }
        }
        problems.forEach(err::println);
        return problems.isEmpty() ? Optional.empty() : Optional.of(2);
    }

    private void report(ReplaySource source, DeadLetterReplayer.Outcome o, PrintStream out) {
        String verb = dryRun ? "Would replay " : "Replayed ";
        out.println(verb + o.replayedTotal() + " of " + source.source.name() + (o.replayed().isEmpty() ? "" : " "
                + o.replayed()) + (dryRun || o.replayedTotal() == 0 ? "" : " (replay " + o.replayId() + ")") + ".");
        out.println("Skipped " + o.alreadyReplayed() + " already replayed (ledger embryo.replays.v1), " + o.notSelected()
                + " not selected.");
        o.refused().forEach((why, n) -> out.println("Refused " + n + " " + why));
        o.unreadable().forEach(u -> out.println("Not a dead letter: " + u));
    }
}
