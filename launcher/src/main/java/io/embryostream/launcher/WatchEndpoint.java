package io.embryostream.launcher;

import io.embryostream.http.MetricsEndpoint;
import io.embryostream.ingest.source.WatchedFolderIngest;
import io.embryostream.ingest.source.WatchedFolderIngest.SkipReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code /metrics} and {@code /health} of {@code ingest --watch}, like the other services': frames
 * published, frames skipped by reason, the watched folder's lag (the age of the oldest frame file the
 * last scan could not publish yet) and the time since the last scan. Healthy while scans keep coming.
 */
final class WatchEndpoint implements AutoCloseable {

    private final WatchedFolderIngest watch;
    private final Clock clock;
    private final Duration stalledAfter;
    private final MetricsEndpoint endpoint;

    /** @param stalledAfter how long without a finished scan makes the ingest unhealthy */
    WatchEndpoint(int port, WatchedFolderIngest watch, Clock clock, Duration stalledAfter) {
        this.watch = watch;
        this.clock = clock;
        this.stalledAfter = stalledAfter;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        FunctionCounter.builder("embryo.ingest.frames.published", watch, w -> w.status().framesPublished())
                .description("Frames the watched-folder ingest published").register(registry);
        for (SkipReason reason : SkipReason.values()) {
            FunctionCounter.builder("embryo.ingest.frames.skipped", watch,
                            w -> w.status().skipped().get(reason))
                    .tag("reason", reason.name()).description("Frames skipped, by reason (the log names each file)")
                    .register(registry);
        }
        Gauge.builder("embryo.ingest.watch.lag.seconds", this, WatchEndpoint::lagSeconds)
                .description("Age of the oldest frame file the last scan saw and could not publish yet; 0 when none waits")
                .register(registry);
        Gauge.builder("embryo.ingest.watch.last.scan.age.seconds", this, WatchEndpoint::lastScanAgeSeconds)
                .description("Seconds since the last scan of the watched folder finished").register(registry);
        this.endpoint = new MetricsEndpoint(port, registry::scrape, this::health);
    }

    int port() {
        return endpoint.port();
    }

    double lagSeconds() {
        Instant oldest = watch.status().oldestWaiting();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    double lastScanAgeSeconds() {
        Instant last = watch.status().lastScan();
        return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    MetricsEndpoint.Health health() {
        WatchedFolderIngest.WatchStatus s = watch.status();
        if (s.lastScan() == null) {
            return new MetricsEndpoint.Health(false, "no scan of the watched folder finished yet");
        }
        double age = lastScanAgeSeconds();
        long skippedTotal = s.skipped().values().stream().mapToLong(Long::longValue).sum();
        String detail = String.format(Locale.ROOT, "last scan %.1f s ago, %d frames published, %d skipped, lag %.0f s",
                age, s.framesPublished(), skippedTotal, lagSeconds());
        return new MetricsEndpoint.Health(age <= stalledAfter.toSeconds(), detail);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
