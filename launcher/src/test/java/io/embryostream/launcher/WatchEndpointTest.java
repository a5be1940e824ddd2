package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.DryRunFrameSink;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.source.WatchedFolderIngest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --watch}'s /metrics and /health over real HTTP, on a real watched folder: a frame file
 * that never decodes (skipped once it has settled), one still settling (the folder's lag), and health
 * that is DOWN until a scan has finished.
 */
class WatchEndpointTest {

    @TempDir
    Path root;

    @Test
    void metricsCountSkippedFramesByReasonAndTheLagOfAFileStillSettlingAndHealthFollowsTheScans() throws Exception {
        Path well = Files.createDirectories(root.resolve("SLIDE-1/WELL01"));
        Files.writeString(root.resolve("SLIDE-1/slide.properties"),
                "insemination=2026-01-15T09:30:00Z\ninterval.minutes=10\n");
        Path broken = Files.write(well.resolve("1_F0.png"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(broken, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path settling = Files.write(well.resolve("2_F0.png"), new byte[] {4, 5, 6});
        Files.setLastModifiedTime(settling, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));

        try (WatchedFolderIngest watch = new WatchedFolderIngest(root, new FramePublisher(new DryRunFrameSink(),
                new EmbryoIds("watch-endpoint-test-secret"), Clock.systemUTC()), Clock.systemUTC(), Duration.ofHours(1));
             WatchEndpoint endpoint = new WatchEndpoint(0, watch, Clock.systemUTC(), Duration.ofSeconds(60))) {
            HttpResponse<String> before = get(endpoint, "/health");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).contains("no scan");

            watch.poll();

            HttpResponse<String> health = get(endpoint, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("0 frames published, 1 skipped");
            String metrics = get(endpoint, "/metrics").body();
            assertThat(metrics).contains("embryo_ingest_frames_published_total 0.0")
                    .contains("embryo_ingest_frames_skipped_total{reason=\"UNREADABLE_FILE\"} 1.0")
                    .contains("embryo_ingest_frames_skipped_total{reason=\"NO_EMBRYO\"} 0.0");
            double lag = value(metrics, "embryo_ingest_watch_lag_seconds");
            assertThat(lag).as("the settling file is 10 minutes old").isBetween(590.0, 700.0);
            assertThat(value(metrics, "embryo_ingest_watch_last_scan_age_seconds")).isBetween(0.0, 30.0);
        }
    }

    private static HttpResponse<String> get(WatchEndpoint endpoint, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port()
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String metric) {
        return scrape.lines().filter(l -> l.startsWith(metric + " ")).map(l -> Double.parseDouble(l.split(" ")[1]))
                .findFirst().orElseThrow(() -> new AssertionError(metric + " not in the scrape"));
    }
}
