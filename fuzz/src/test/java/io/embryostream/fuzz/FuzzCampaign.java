package io.embryostream.fuzz;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every target's mutants, each under a timeout, and tallies verdicts and the checks that
 * caught them. Seeded: input {@code i} of a target has the seed {@link #seeds} draws, and the
 * target rebuilds the input from that seed alone ({@link FuzzRegressionTest} replays some).
 */
final class FuzzCampaign {

    /** One target and how many of its inputs a run makes. */
    record Share(FuzzTarget target, int inputs, boolean separateJvm) {
        Share(FuzzTarget target, int inputs) {
            this(target, inputs, false);
        }
    }

    /** The tallies of a run. */
    record Result(List<Outcome> outcomes, Map<Verdict, Integer> verdicts, Map<String, Integer> checks,
                  Map<String, String> examples, Map<String, Integer> byTarget, Map<String, Integer> byMutation,
                  List<String> failures, Duration took) {

        private static String abbreviated(String example) {
            return example.length() <= 110 ? example : example.substring(0, 109) + "…";
        }

        int inputs() {
            return outcomes.size();
        }

        int failed() {
            return failures.size();
        }

        /** The report the run prints and keeps. */
        void print(PrintStream out, long seed) {
            out.printf("fuzz campaign: seed %d, %d inputs in %.1f s%n", seed, inputs(), took.toMillis() / 1000.0);
            out.println("inputs per target:");
            byTarget.forEach((t, n) -> out.printf("  %-28s %6d%n", t, n));
            out.println("verdicts:");
            verdicts.forEach((v, n) -> out.printf("  %-28s %6d%n", v, n));
            out.println("inputs caught, by check (an input may be caught by several):");
            checks.forEach((c, n) -> out.printf("  %-36s %6d  %s%n", c, n, abbreviated(examples.getOrDefault(c, ""))));
            failures.forEach(f -> out.println("FAILED " + f));
            out.println("inputs per mutation:");
            byMutation.forEach((m, n) -> out.printf("  %-50s %6d%n", m, n));
        }
    }

    private final List<Share> shares;
    private final Duration timeout;
    private final Path work;
    private final int threads;

    FuzzCampaign(List<Share> shares, Duration timeout, Path work, int threads) {
        this.shares = shares;
        this.timeout = timeout;
        this.work = work;
        this.threads = threads;
    }

    /** The seeds of a target's inputs for a campaign seed. */
    static long[] seeds(long campaignSeed, String target, int inputs) {
        SplittableRandom rnd = new SplittableRandom(campaignSeed ^ (long) target.hashCode() << 16);
        long[] seeds = new long[inputs];
        for (int i = 0; i < inputs; i++) {
            seeds[i] = rnd.nextLong();
        }
        return seeds;
    }

    Result run(long campaignSeed) throws Exception {
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        Map<String, Integer> checks = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        Map<String, Integer> byTarget = new LinkedHashMap<>();
        Map<String, Integer> byMutation = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true); // a hung input's thread must not keep the JVM alive
            return t;
        });
        try {
            for (Share share : shares) {
                FuzzTarget target = share.target();
                Set<String> baseline = target.prepare(work);
                if (baseline.isEmpty()) {
                    throw new IllegalStateException(target.name() + ": the valid input published nothing");
                }
                long[] seeds = seeds(campaignSeed, target.name(), share.inputs());
                List<Outcome> all = share.separateJvm() ? SeparateJvm.run(target, seeds, work, timeout) : runAll(runner, target, seeds);
                for (Outcome outcome : all) {
                    outcomes.add(outcome);
                    Verdict verdict = outcome.verdict(baseline);
                    verdicts.merge(verdict, 1, Integer::sum);
                    byTarget.merge(target.name(), 1, Integer::sum);
                    byMutation.merge(target.name() + "/" + outcome.mutant().mutation(), 1, Integer::sum);
                    for (String report : outcome.reports()) {
                        examples.putIfAbsent(Checks.of(report), report);
                    }
                    outcome.reports().stream().map(Checks::of).distinct().forEach(c -> checks.merge(c, 1, Integer::sum));
                    if (verdict != Verdict.OK) {
                        failures.add(verdict + " " + outcome.mutant().id() + " exit " + outcome.exit() + " " + describe(outcome));
                    }
                }
                target.close();
            }
        } finally {
            runner.shutdownNow();
        }
        for (String check : Checks.CROSS_CHECKS) {
            checks.putIfAbsent(check, 0);
        }
        return new Result(outcomes, verdicts, checks, examples, byTarget, byMutation, failures, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Runs the inputs {@code threads} at a time, each under the timeout from its start: at most
     * {@code threads} are in flight and the oldest is awaited first, so none waits in a queue.
     */
    private List<Outcome> runAll(ExecutorService runner, FuzzTarget target, long[] seeds) throws InterruptedException {
        record InFlight(long seed, Future<Outcome> future, long startedNanos) {
        }
        List<Outcome> outcomes = new ArrayList<>(seeds.length);
        java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
        int next = 0;
        while (next < seeds.length || !inFlight.isEmpty()) {
            if (next < seeds.length && inFlight.size() < threads) {
                long seed = seeds[next++];
                inFlight.add(new InFlight(seed, runner.submit(() -> target.run(seed, work)), System.nanoTime()));
                continue;
            }
            InFlight oldest = inFlight.poll();
            long left = timeout.toNanos() - (System.nanoTime() - oldest.startedNanos());
            Mutant unknown = new Mutant(target.name(), "?", oldest.seed(), Expectation.EITHER, "", null);
            try {
                outcomes.add(oldest.future().get(Math.max(0, left), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                oldest.future().cancel(true);
                outcomes.add(Outcome.hung(unknown));
            } catch (ExecutionException e) {
                outcomes.add(Outcome.crashed(unknown, e.getCause()));
            }
        }
        return outcomes;
    }

    private static String describe(Outcome o) {
        if (o.crash() != null) {
            return o.crash();
        }
        return o.reports().isEmpty() ? "(no report)" : String.join(" | ", o.reports().subList(0, Math.min(3, o.reports().size())));
    }
}
