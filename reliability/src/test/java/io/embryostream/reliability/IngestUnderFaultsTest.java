package io.embryostream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.launcher.EmbryoStream;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.topics.TopicCatalog;
import io.embryostream.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export ingest as a process of its own, through the proxies of the 3-broker cluster: killed with SIGKILL while
 * it publishes and a broker is down, then resumed. Every frame must be on the topic exactly once (read_committed);
 * what the killed run had sent but not committed is aborted, and counted to show the kill landed mid-transaction.
 */
class IngestUnderFaultsTest {

    private static final int EMBRYOS = 6;
    private static final int FRAMES = 200;

    @TempDir
    Path dir;

    @Test
    void anExportKilledAndResumedWhileABrokerRestartsIsOnTheTopicExactlyOnce() throws Exception {
        Path export = dir.resolve("export");
        GomezExportWriter.write(export, TestSlides.cleavingSlide(EMBRYOS, 0.1, 0.25),
                new GomezExportWriter.Options(FRAMES, List.of(0), 15));
        try (ProxiedCluster cluster = ProxiedCluster.start(dir.resolve("kafka"))) {
            cluster.createCatalogTopics(TopicCatalog.standard());
            Process first = ingest(cluster, export, "first");
            // a broker goes down a sixth of the way in (while the ingest goes on), the ingest is killed a third of the way in
            Thread brokerDown = new Thread(() -> cluster.stopBroker(1), "broker-down");
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            for (long written = 0; written < EMBRYOS * FRAMES / 3 && System.nanoTime() < deadline; written = offsets(cluster)) {
                assertThat(first.isAlive()).as("the ingest ended before it was killed: " + log("first")).isTrue();
                if (written >= EMBRYOS * FRAMES / 6 && brokerDown.getState() == Thread.State.NEW) {
                    brokerDown.start();
                }
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the kill must land while the ingest publishes: " + log("first")).isTrue();
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL while a broker is down
            int sentBeforeKill = frames(cluster, "read_uncommitted").size();
            brokerDown.join();
            cluster.startBroker(1);

            Process resumed = ingest(cluster, export, "resumed");
            assertThat(resumed.waitFor(5, TimeUnit.MINUTES)).as(log("resumed")).isTrue();
            assertThat(resumed.exitValue()).as(log("resumed")).isZero();

            Map<String, Integer> committed = counts(frames(cluster, "read_committed"));
            int uncommitted = frames(cluster, "read_uncommitted").size();
            String figures = String.format("ingest under faults: %d frames expected, %d distinct committed, duplicates %d;"
                            + " %d sent before the kill, %d aborted (sent by the killed run, never committed); broker restarts %d;"
                            + " %.1f MB through the proxies", EMBRYOS * FRAMES, committed.size(),
                    committed.values().stream().mapToInt(n -> n - 1).sum(), sentBeforeKill,
                    uncommitted - committed.values().stream().mapToInt(Integer::intValue).sum(), cluster.brokerRestarts(),
                    cluster.proxies().stream().mapToLong(TcpProxy::bytesForwarded).sum() / 1e6);
            System.out.println(figures);
            Files.writeString(Path.of("target", "ingest-under-faults-report.txt"), figures + "\n");
            assertThat(committed).as(figures).hasSize(EMBRYOS * FRAMES);
            assertThat(committed.values()).as(figures).containsOnly(1);
            assertThat(uncommitted).as("the kill landed with frames in flight: " + figures)
                    .isGreaterThan(EMBRYOS * FRAMES);
        }
    }

    private Process ingest(ProxiedCluster cluster, Path export, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                EmbryoStream.class.getName(), "ingest", export.toString(), "--bootstrap-servers", cluster.bootstrapServers(),
                "--threads", "2").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("EMBRYO_CLINIC_SECRET", "ingest-under-faults-secret-0123456789");
        return pb.start();
    }

    private String log(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    private static Map<String, Integer> counts(List<String> frames) {
        Map<String, Integer> n = new HashMap<>();
        frames.forEach(f -> n.merge(f, 1, Integer::sum));
        return n;
    }

    /** Offsets written to the frames topic so far (records and transaction markers): cheap enough to poll. */
    private static long offsets(ProxiedCluster cluster) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.FRAMES.spec().partitions(); p++) {
            latest.put(new TopicPartition(Topics.FRAMES.name(), p), OffsetSpec.latest());
        }
        return cluster.admin().listOffsets(latest).all().get().values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Every frame on the topic as embryo#time point, read with the given isolation. */
    private static List<String> frames(ProxiedCluster cluster, String isolation) {
        List<String> out = new ArrayList<>();
        CommittedOutputs.readAll(cluster.bootstrapServers(), isolation, Topics.FRAMES.name(), r -> {
            FrameEvent f = Topics.FRAMES.codec().decode(r.topic(), r.value());
            out.add(f.getEmbryoId() + "#" + f.getTimePoint());
        });
        return out;
    }
}
