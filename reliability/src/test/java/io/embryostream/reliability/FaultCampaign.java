package io.embryostream.reliability;

import io.embryostream.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * The fault campaign (in the manner of Kafka's own {@code streams_eos_test}): an incubator replayed through the
 * proxies while classifier JVMs of one application id are killed with SIGKILL in the middle of a transaction and
 * restarted, a broker is stopped and started, an instance is added and removed, and the proxies add latency, reset
 * and drop connections. Then a {@code read_committed} verifier must find each time point's stage exactly once,
 * equal to a fault-free run, every transition once, and dead letters for the bad inputs only.
 */
final class FaultCampaign {

    /** How big a run is: short for CI, long for the documented campaign. */
    record Scale(String name, int embryos, int timePoints, int cycles) {

        static final Scale SHORT = new Scale("short", 20, 40, 1);
        static final Scale LONG = new Scale("long", 100, 100, 5);

        /** One cycle of faults takes this long; the replay spans every cycle. */
        static final Duration CYCLE = Duration.ofSeconds(60);
    }

    /** The campaign's figures. */
    record Figures(Scale scale, int embryos, int timePoints, long recordsVerified, int kills, int midTransactionKills,
                   int brokerRestarts, int rebalances, int latencyBursts, long resets, long drops, long proxyBytes,
                   long abortedRecords, int duplicates, int missing, int differing, int transitionDuplicates,
                   int transitionsDiffering, int unexpectedDeadLetters, int missingDeadLetters, long seconds) {

        String line() {
            return String.format("fault campaign (%s): records verified %d (%d embryos x %d time points, transitions,"
                            + " dead letters); kills %d (mid-transaction %d), broker restarts %d, rebalances %d, proxy faults"
                            + " %d (latency bursts %d, resets %d, drops %d; %.1f MB through the proxies); aborted records %d;"
                            + " duplicates %d, missing %d, differing from the fault-free run %d, transitions doubled %d,"
                            + " transitions differing %d, unexpected dead letters %d, bad inputs not dead-lettered %d; %d s",
                    scale.name(), recordsVerified, embryos, timePoints, kills, midTransactionKills, brokerRestarts,
                    rebalances, latencyBursts + resets + drops, latencyBursts, resets, drops, proxyBytes / 1e6,
                    abortedRecords, duplicates, missing, differing, transitionDuplicates, transitionsDiffering,
                    unexpectedDeadLetters, missingDeadLetters, seconds);
        }

        boolean passed() {
            return duplicates == 0 && missing == 0 && differing == 0 && transitionDuplicates == 0
                    && transitionsDiffering == 0 && unexpectedDeadLetters == 0 && missingDeadLetters == 0;
        }
    }

    private static final String APPLICATION_ID = "embryo-classifier-campaign";

    private final Scale scale;
    private final Path dir;
    private final Path model;
    private final List<String> log = new ArrayList<>();
    private int kills;
    private int midTransactionKills;
    private int latencyBursts;

    FaultCampaign(Scale scale, Path dir, Path model) {
        this.scale = scale;
        this.dir = dir;
        this.model = model;
    }

    /** What happened when, for the report. */
    List<String> events() {
        return log;
    }

    Figures run() throws Exception {
        long t0 = System.nanoTime();
        try (ProxiedCluster cluster = ProxiedCluster.start(dir.resolve("kafka"))) {
            cluster.createCatalogTopics(TopicCatalog.standard());
            List<String> embryos = new ArrayList<>();
            for (int i = 0; i < scale.embryos(); i++) {
                embryos.add(String.format("campaign-%03d", i));
            }
            Duration round = Scale.CYCLE.multipliedBy(scale.cycles()).dividedBy(scale.timePoints());
            FrameReplay replay = new FrameReplay(cluster.bootstrapServers(), embryos, scale.timePoints(), round);
            RebalanceWatch rebalances = new RebalanceWatch(cluster);
            try (ClassifierInstances instances = new ClassifierInstances(dir, cluster.bootstrapServers(), APPLICATION_ID, model)) {
                instances.start("a");
                instances.start("b");
                rebalances.start();
                Thread publisher = new Thread(replay, "replay");
                publisher.start();
                long start = System.nanoTime();
                for (int c = 0; c < scale.cycles(); c++) {
                    cycle(c, start + Scale.CYCLE.toNanos() * c, cluster, instances);
                }
                publisher.join();
                note("replay done: " + replay.roundsDone() + " rounds");
                if (!replay.failures().isEmpty()) {
                    throw new AssertionError("the replay's producer failed: " + replay.failures());
                }
                awaitComplete(cluster, instances, embryos.size() * scale.timePoints());
                assertNoCrash(instances);
            } finally {
                rebalances.stop();
            }
            CommittedOutputs committed = CommittedOutputs.read(cluster.bootstrapServers(), "read_committed");
            CommittedOutputs uncommitted = CommittedOutputs.read(cluster.bootstrapServers(), "read_uncommitted");
            CommittedOutputs reference = CommittedOutputs.faultFree(replay.inputs(), model, dir);
            return figures(committed, uncommitted, reference, replay, embryos, cluster, rebalances.changes(),
                    (System.nanoTime() - t0) / 1_000_000_000);
        }
    }

    /** One cycle of faults, each at its offset from the cycle's start. */
    private void cycle(int c, long cycleStart, ProxiedCluster cluster, ClassifierInstances instances) throws Exception {
        List<TcpProxy> proxies = cluster.proxies();
        at(cycleStart, 5, () -> {
            proxies.forEach(p -> p.latency(30));
            latencyBursts++;
            note("latency 30 ms on every proxy");
        });
        at(cycleStart, 10, () -> proxies.forEach(p -> p.latency(0)));
        at(cycleStart, 12, () -> killMidTransaction(cluster, instances, "a"));
        at(cycleStart, 15, () -> instances.start("a"));
        int broker = c % ProxiedCluster.BROKERS;
        at(cycleStart, 20, () -> {
            note("broker " + broker + " stopped");
            cluster.stopBroker(broker);
        });
        at(cycleStart, 26, () -> note("proxy " + (c + 1) % 3 + ": reset " + proxies.get((c + 1) % 3).resetAll() + " connections"));
        at(cycleStart, 30, () -> {
            cluster.startBroker(broker);
            note("broker " + broker + " started");
        });
        at(cycleStart, 35, () -> {
            instances.start("c");
            note("scaled up: instance c");
        });
        at(cycleStart, 42, () -> killMidTransaction(cluster, instances, "b"));
        at(cycleStart, 45, () -> instances.start("b"));
        at(cycleStart, 50, () -> note("proxy " + (c + 2) % 3 + ": dropped " + proxies.get((c + 2) % 3).dropAll()
                + " connections"));
        at(cycleStart, 55, () -> {
            instances.stop("c");
            note("scaled down: instance c stopped");
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private void at(long cycleStart, int second, Step step) throws Exception {
        long wait = cycleStart + Duration.ofSeconds(second).toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
        step.run();
    }

    /** SIGKILL as soon as the broker lists an open transaction of the instance (at most 15 s of waiting). */
    private void killMidTransaction(ProxiedCluster cluster, ClassifierInstances instances, String name) throws Exception {
        Optional<String> processId = instances.processId(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Optional<String> open = Optional.empty();
        while (open.isEmpty() && processId.isPresent() && System.nanoTime() < deadline) {
            open = ongoing(cluster, APPLICATION_ID + "-" + processId.get());
            if (open.isEmpty()) {
                Thread.sleep(20);
            }
        }
        instances.kill(name);
        kills++;
        if (open.isPresent()) {
            midTransactionKills++;
        }
        note("killed " + name + " (SIGKILL) " + open.map(t -> "with transaction " + t + " open")
                .orElse("with no open transaction seen (process id " + processId.orElse("unknown") + ")"));
    }

    private static Optional<String> ongoing(ProxiedCluster cluster, String prefix) {
        try {
            return cluster.admin().listTransactions().all().get().stream()
                    .filter(t -> t.state() == TransactionState.ONGOING)
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith(prefix)).findFirst();
        } catch (Exception e) {
            return Optional.empty(); // a proxy fault: ask again
        }
    }

    /** Waits until the committed stage events cover every time point (they may be more: the verifier counts). */
    private void awaitComplete(ProxiedCluster cluster, ClassifierInstances instances, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(scale.cycles() > 1 ? 15 : 4).toNanos();
        while (System.nanoTime() < deadline) {
            assertNoCrash(instances);
            CommittedOutputs out = CommittedOutputs.read(cluster.bootstrapServers(), "read_committed");
            if (out.stages().size() >= expected) {
                Thread.sleep(5000); // anything doubled late would be committed by now
                note("every time point committed");
                return;
            }
            Thread.sleep(3000);
        }
        note("gave up waiting for every time point");
    }

    private static void assertNoCrash(ClassifierInstances instances) {
        if (!instances.crashed().isEmpty()) {
            throw new AssertionError("classifier instances ended on their own: " + instances.crashed() + "; logs "
                    + instances.logs());
        }
    }

    private Figures figures(CommittedOutputs committed, CommittedOutputs uncommitted, CommittedOutputs reference,
                            FrameReplay replay, List<String> embryos, ProxiedCluster cluster, int rebalances,
                            long seconds) {
        int duplicates = 0;
        int missing = 0;
        int differing = 0;
        for (String e : embryos) {
            for (int tp = 1; tp <= scale.timePoints(); tp++) {
                String key = CommittedOutputs.stageKey(e, tp);
                List<Integer> got = committed.stages().getOrDefault(key, List.of());
                duplicates += Math.max(0, got.size() - 1);
                missing += got.isEmpty() ? 1 : 0;
                if (!got.isEmpty() && !got.equals(reference.stages().get(key))) {
                    differing++;
                }
            }
        }
        int transitionDuplicates = committed.transitionIds().size() - new TreeSet<>(committed.transitionIds()).size();
        int transitionsDiffering = 0;
        for (String id : new TreeSet<>(reference.transitions().keySet())) {
            if (!reference.transitions().get(id).equals(committed.transitions().get(id))) {
                transitionsDiffering++;
            }
        }
        transitionsDiffering += (int) committed.transitions().keySet().stream()
                .filter(id -> !reference.transitions().containsKey(id)).count();
        List<String> deadOrigins = committed.deadLetterOrigins().stream().map(d -> d.substring(0, d.indexOf(' '))).toList();
        int unexpected = (int) deadOrigins.stream().filter(o -> !replay.badOffsets().contains(o)).count();
        int notDead = (int) replay.badOffsets().stream().filter(o -> !deadOrigins.contains(o)).count();
        long bytes = cluster.proxies().stream().mapToLong(TcpProxy::bytesForwarded).sum();
        long resets = cluster.proxies().stream().mapToLong(TcpProxy::resets).sum();
        long drops = cluster.proxies().stream().mapToLong(TcpProxy::drops).sum();
        if (unexpected > 0) {
            note("unexpected dead letters: " + committed.deadLetterOrigins() + "; bad inputs at " + replay.badOffsets());
        }
        return new Figures(scale, embryos.size(), scale.timePoints(), committed.records(), kills, midTransactionKills,
                cluster.brokerRestarts(), rebalances, latencyBursts, resets, drops, bytes,
                uncommitted.records() - committed.records(), duplicates, missing, differing, transitionDuplicates,
                transitionsDiffering, unexpected, notDead, seconds);
    }

    private void note(String what) {
        String line = String.format("%tT %s", System.currentTimeMillis(), what);
        log.add(line);
        System.out.println("[campaign] " + line);
    }

    /** Counts the changes of the application's group membership, seen by polling the group's description. */
    private static final class RebalanceWatch {
        private final ProxiedCluster cluster;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger changes = new AtomicInteger();
        private Thread thread;

        RebalanceWatch(ProxiedCluster cluster) {
            this.cluster = cluster;
        }

        void start() {
            thread = new Thread(() -> {
                TreeSet<String> last = null;
                while (!stop.get()) {
                    try {
                        Map<String, ConsumerGroupDescription> d = cluster.admin()
                                .describeConsumerGroups(List.of(APPLICATION_ID)).all().get();
                        TreeSet<String> members = new TreeSet<>();
                        d.get(APPLICATION_ID).members().forEach(m -> members.add(m.consumerId()));
                        if (last != null && !members.equals(last)) {
                            changes.incrementAndGet();
                        }
                        last = members;
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a fault in the way: look again
                    }
                }
            }, "rebalance-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.join(5000);
            }
        }

        int changes() {
            return changes.get();
        }
    }
}
