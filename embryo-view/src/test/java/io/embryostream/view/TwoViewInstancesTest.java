package io.embryostream.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.embryostream.config.Settings;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import io.embryostream.staging.Phase;
import io.embryostream.view.timeline.ViewTopology;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two view instances (one application id) on the embedded broker, fed the classifier's three
 * output topics for 20 embryos with the real serdes: each instance owns part of the embryos and
 * answers for all of them; a correction moves the live agreement.
 */
class TwoViewInstancesTest {

    private static final int EMBRYOS = 20;
    private static final String VERSION = "it-" + System.nanoTime();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path state;

    private static final List<String> ids = new ArrayList<>();
    private static ViewApp a;
    private static ViewApp b;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        String appId = "embryo-view-test-" + System.nanoTime();
        a = ViewApp.start(config(bootstrap, appId, state.resolve("a")));
        b = ViewApp.start(config(bootstrap, appId, state.resolve("b")));
        List<ViewFixtures.Event> events = new ArrayList<>();
        List<Path> files = ViewFixtures.phaseFiles();
        for (int i = 0; i < EMBRYOS; i++) {
            String id = String.format("%064x", (long) (VERSION.hashCode() * 31L + i) & Long.MAX_VALUE);
            ids.add(id);
            events.addAll(ViewFixtures.embryo(files.get(i % files.size()), id,
                    String.format("IT-SLIDE-%d WELL%02d", i / 10, i % 10 + 1), VERSION, 8, 200));
        }
        ViewFixtures.produce(bootstrap, events);
        waitFor(() -> a.streams().state() == KafkaStreams.State.RUNNING && b.streams().state() == KafkaStreams.State.RUNNING
                && allListed(a.httpPort()) && allListed(b.httpPort()), "both instances running with all embryos");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    static ViewConfig config(String bootstrap, String appId, Path stateDir) {
        return new ViewConfig(Settings.resolve(ViewConfig.defaults(), null, Map.of(), Map.of(
                "kafka.bootstrap.servers", bootstrap, "view.application.id", appId, "view.state.dir", stateDir.toString(),
                "view.http.port", "0", "view.replication.factor", "1", "view.frames.enabled", "false")));
    }

    private static boolean allListed(int port) throws Exception {
        HttpResponse<String> r = ViewHttp.get(port, "/embryos?slide=IT-SLIDE-0");
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode list = ViewHttp.JSON.readTree(r.body());
        HttpResponse<String> r1 = ViewHttp.get(port, "/embryos?slide=IT-SLIDE-1");
        int count = list.get("embryos").size() + (r1.statusCode() == 200 ? ViewHttp.JSON.readTree(r1.body()).get("embryos").size() : 0);
        return count == EMBRYOS && list.get("unavailableInstances").isEmpty();
    }

    @Test
    void everyEmbryoIsAnsweredByEitherInstanceAndEachInstanceOwnsSome() throws Exception {
        Set<Integer> owners = new HashSet<>();
        for (String id : ids) {
            owners.add(a.streams().queryMetadataForKey(ViewTopology.TIMELINES, id, new StringSerializer()).activeHost().port());
            JsonNode fromA = ViewHttp.getJson(a.httpPort(), "/embryos/" + id);
            JsonNode fromB = ViewHttp.getJson(b.httpPort(), "/embryos/" + id);
            assertThat(fromA).isEqualTo(fromB);
            assertThat(fromA.at("/summary/embryoId").asText()).isEqualTo(id);
            assertThat(fromA.get("points").size()).as("stage points of %s", id).isGreaterThan(10);
            assertThat(fromA.get("transitions").size()).isGreaterThan(3);
            assertThat(fromA.at("/summary/modelVersion").asText()).isEqualTo(VERSION);
        }
        assertThat(owners).as("embryos spread over both instances").containsExactlyInAnyOrder(a.httpPort(), b.httpPort());
        assertThat(ViewHttp.get(a.httpPort(), "/embryos/" + "f".repeat(64)).statusCode()).isEqualTo(404);
    }

    @Test
    void listsFilterBySlideStageAndAlerts() throws Exception {
        JsonNode withAlerts = ViewHttp.getJson(b.httpPort(), "/embryos?hasAlerts=true");
        assertThat(withAlerts.get("embryos")).isNotEmpty().allSatisfy(e -> assertThat(e.get("alertCount").asInt()).isPositive());
        String stage = ViewHttp.getJson(a.httpPort(), "/embryos/" + ids.get(0)).at("/summary/stageName").asText();
        JsonNode atStage = ViewHttp.getJson(b.httpPort(), "/embryos?stage=" + stage);
        assertThat(atStage.get("embryos")).isNotEmpty().allSatisfy(e -> assertThat(e.get("stageName").asText()).isEqualTo(stage));
        assertThat(ViewHttp.get(a.httpPort(), "/embryos?hasAlerts=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void aCorrectionChangesTheLiveAgreementMetric() throws Exception {
        String embryo = ids.get(3);
        String t2 = ViewFixtures.transitionId(embryo, VERSION, Phase.T2);
        HttpResponse<String> confirm = ViewHttp.post(b.httpPort(), "/embryos/" + embryo + "/annotations",
                "{\"transitionId\":\"" + t2 + "\",\"action\":\"CONFIRM\",\"reviewer\":\"embryologist-7\"}");
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(202);
        waitFor(() -> agreementMetric(Phase.T2) == 1.0, "agreement 1.0 after a confirmation");

        HttpResponse<String> correct = ViewHttp.post(a.httpPort(), "/embryos/" + embryo + "/annotations",
                "{\"transitionId\":\"" + t2 + "\",\"action\":\"CORRECT\",\"correctedOnsetHours\":"
                        + (ViewHttp.getJson(a.httpPort(), "/embryos/" + embryo).at("/transitions").findValues("transition")
                        .stream().filter(t -> t.get("transitionId").asText().equals(t2)).findFirst().orElseThrow()
                        .get("onsetHours").asDouble() + 4.5) + ",\"reviewer\":\"embryologist-7\"}");
        assertThat(correct.statusCode()).as(correct.body()).isEqualTo(202);
        waitFor(() -> agreementMetric(Phase.T2) == 0.0, "agreement 0.0 after the same call was corrected by 4.5 h");

        JsonNode agreement = ViewHttp.getJson(a.httpPort(), "/agreement").get("agreement");
        JsonNode t2Row = findRow(agreement, Phase.T2);
        assertThat(t2Row.get("reviews").asInt()).as("the correction replaced the confirmation").isEqualTo(1);
        assertThat(t2Row.get("meanAbsErrorHours").asDouble()).isEqualTo(4.5, org.assertj.core.data.Offset.offset(1e-9));

        HttpResponse<String> bad = ViewHttp.post(a.httpPort(), "/embryos/" + embryo + "/annotations",
                "{\"transitionId\":\"" + t2 + "\",\"action\":\"CORRECT\",\"reviewer\":\"embryologist-7\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("correctedOnsetHours");
    }

    @Test
    void theReportReadFromTheTopicsRoundTripsThroughTheIngestReader(@TempDir Path out) throws Exception {
        Map<String, io.embryostream.view.timeline.EmbryoTimeline> timelines = io.embryostream.view.report.TopicSnapshot.read(
                Map.of("bootstrap.servers", SharedEmbeddedKafka.broker().bootstrapServers()), WAIT);
        List<io.embryostream.view.report.ReportRow> rows = ids.subList(0, 10).stream()
                .map(id -> io.embryostream.view.report.ReportRow.of(timelines.get(id), new io.embryostream.view.query.ReviewPolicy(0.6)).orElseThrow())
                .toList();
        assertThat(rows).allSatisfy(r -> assertThat(r.slide()).isEqualTo("IT-SLIDE-0"));
        Path file = out.resolve(io.embryostream.view.report.ClinicReportFormat.EMBRYOSCOPE.fileName("IT-SLIDE-0"));
        io.embryostream.view.report.ClinicReportWriter.write(file, io.embryostream.view.report.ClinicReportFormat.EMBRYOSCOPE, rows);

        var read = io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet.read(file);

        assertThat(read.wells()).hasSize(10);
        for (var well : read.wells()) {
            var row = rows.stream().filter(r -> String.format("WELL%02d", r.wellNumber()).equals(well.wellId())).findFirst().orElseThrow();
            assertThat(well.onsets().asMap()).isEqualTo(row.onsets()).isNotEmpty();
        }
    }

    private static JsonNode findRow(JsonNode agreement, Phase phase) {
        for (JsonNode row : agreement) {
            if (row.get("modelVersion").asText().equals(VERSION) && row.get("stageName").asText().equals(phase.label())) {
                return row;
            }
        }
        return null;
    }

    /** The gauge for this test's model version and the stage, from whichever instance aggregates it; NaN if none. */
    private static double agreementMetric(Phase phase) throws Exception {
        Pattern line = Pattern.compile("embryo_view_agreement_ratio\\{[^}]*model_version=\"" + VERSION + "\"[^}]*stage=\""
                + phase.label() + "\"[^}]*} (\\S+)");
        for (ViewApp app : List.of(a, b)) {
            Matcher m = line.matcher(ViewHttp.get(app.httpPort(), "/metrics").body());
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return Double.NaN;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Condition condition, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
    }
}
