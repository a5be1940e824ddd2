package io.embryostream.fuzz;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a target's inputs in a child JVM, for readers that call native code (FFmpeg): a native crash
 * kills the child, not the campaign, and is that input's {@link Verdict#CRASH}; an input over the
 * timeout is killed and is a {@link Verdict#HANG}. Either way a new child goes on with the next input.
 * The child writes {@code START <seed>} before and {@code DONE <outcome>} after each input to a file
 * the parent follows.
 */
final class SeparateJvm {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SeparateJvm() {
    }

    /** The parent's side: the outcomes of {@code seeds}, in their order. */
    static List<Outcome> run(FuzzTarget target, long[] seeds, Path work, Duration timeout) throws IOException, InterruptedException {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        int next = 0;
        int children = 0;
        while (next < seeds.length) {
            long[] rest = Arrays.copyOfRange(seeds, next, seeds.length);
            Path seedsFile = work.resolve("child-" + children + ".seeds");
            Path progress = work.resolve("child-" + children + ".progress");
            Files.write(seedsFile, Arrays.stream(rest).mapToObj(Long::toHexString).toList());
            Files.deleteIfExists(progress);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), SeparateJvm.class.getName(),
                    target.getClass().getName(), work.toString(), seedsFile.toString(), progress.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("child-" + children + ".log").toFile()).start();
            children++;
            int read = 0;
            Long current = null;
            long startedNanos = System.nanoTime();
            boolean preparing = true;
            while (true) {
                List<String> lines = Files.exists(progress) ? Files.readAllLines(progress) : List.of();
                for (; read < lines.size(); read++) {
                    String line = lines.get(read);
                    if (line.startsWith("START ")) {
                        current = Long.parseUnsignedLong(line.substring(6), 16);
                        startedNanos = System.nanoTime();
                        preparing = false;
                    } else if (line.startsWith("DONE ")) {
                        Outcome o = decode(line.substring(5));
                        outcomes.put(o.mutant().seed(), o);
                        current = null;
                    }
                }
                boolean exited = !child.isAlive();
                // the child builds its valid exports first: that gets its own, longer allowance
                Duration allowed = preparing ? timeout.multipliedBy(4) : timeout;
                if (!exited && System.nanoTime() - startedNanos > allowed.toNanos()) {
                    child.destroyForcibly().waitFor();
                    if (current != null) {
                        outcomes.put(current, Outcome.hung(unknown(target, current)));
                    }
                    break;
                }
                if (exited) {
                    // read what the child wrote last before it ended
                    lines = Files.exists(progress) ? Files.readAllLines(progress) : List.of();
                    if (read < lines.size()) {
                        continue;
                    }
                    if (current != null) {
                        outcomes.put(current, Outcome.crashed(unknown(target, current), new IllegalStateException(
                                "the child JVM died with exit code " + child.exitValue() + " (see " + work.resolve("child-"
                                        + (children - 1) + ".log") + ")")));
                    } else if (preparing && child.exitValue() != 0) {
                        throw new IllegalStateException("the child JVM could not prepare " + target.name() + ": exit "
                                + child.exitValue() + ", log " + work.resolve("child-" + (children - 1) + ".log"));
                    }
                    break;
                }
                Thread.sleep(20);
            }
            while (next < seeds.length && outcomes.containsKey(seeds[next])) {
                next++;
            }
        }
        List<Outcome> ordered = new ArrayList<>();
        for (long seed : seeds) {
            ordered.add(outcomes.get(seed));
        }
        return ordered;
    }

    private static Mutant unknown(FuzzTarget target, long seed) {
        return new Mutant(target.name(), "?", seed, Expectation.EITHER, "", null);
    }

    /** The child's side: {@code <target class> <work> <seeds file> <progress file>}. */
    public static void main(String[] args) throws Exception {
        FuzzTarget target = (FuzzTarget) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Path work = Path.of(args[1]);
        target.prepare(work);
        try (Writer progress = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (String hex : Files.readAllLines(Path.of(args[2]))) {
                progress.write("START " + hex + "\n");
                progress.flush();
                Outcome outcome = target.run(Long.parseUnsignedLong(hex, 16), work);
                progress.write("DONE " + encode(outcome) + "\n");
                progress.flush();
            }
        }
        System.exit(0); // FFmpeg's threads must not keep the child alive
    }

    static String encode(Outcome o) {
        Mutant m = o.mutant();
        List<String> fields = new ArrayList<>(List.of(m.target(), m.mutation(), Long.toHexString(m.seed()), m.expect().name(),
                m.names(), m.excused() == null ? "\0" : m.excused(), Integer.toString(o.exit()),
                o.crash() == null ? "\0" : o.crash(), Boolean.toString(o.hung()), Integer.toString(o.reports().size())));
        fields.addAll(o.reports());
        fields.addAll(o.published());
        return String.join(" ", fields.stream().map(f -> ENCODER.encodeToString(f.getBytes(StandardCharsets.UTF_8))).toList());
    }

    static Outcome decode(String line) {
        List<String> f = Arrays.stream(line.strip().split(" ", -1))
                .map(s -> new String(DECODER.decode(s), StandardCharsets.UTF_8)).toList();
        Mutant m = new Mutant(f.get(0), f.get(1), Long.parseUnsignedLong(f.get(2), 16), Expectation.valueOf(f.get(3)),
                f.get(4), "\0".equals(f.get(5)) ? null : f.get(5));
        int reports = Integer.parseInt(f.get(9));
        Set<String> published = new HashSet<>(f.subList(10 + reports, f.size()));
        return new Outcome(m, Integer.parseInt(f.get(6)), List.copyOf(f.subList(10, 10 + reports)), published,
                "\0".equals(f.get(7)) ? null : f.get(7), Boolean.parseBoolean(f.get(8)));
    }
}
