package io.embryostream.launcher;

import io.embryostream.alerts.AlertDeliveryConfig;
import io.embryostream.alerts.AlertDeliveryService;
import io.embryostream.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Delivers AlertEvents to a webhook until Ctrl-C (or --duration); exits 1 when delivery fails. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Deliver AlertEvents to embryologists' systems over an HTTP webhook.",
                "JSON body, Idempotency-Key = alert id, X-Embryo-Signature = HMAC-SHA256 (docs/OPERATIONS.md);"
                        + " at least once, undeliverable alerts to their own topic.",
                "The secret comes from --config or EMBRYO_ALERTS_WEBHOOK_SECRET, never from an option."})
final class AlertsCommand implements Callable<Integer> {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "Where alerts are POSTed (alerts.webhook.url).")
    URI webhookUrl;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Port of /metrics and /health (metrics.port).")
    Integer metricsPort;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = kafka.overrides("alerts.webhook.url", webhookUrl, "metrics.port", metricsPort);
        Settings settings = Settings.resolve(AlertDeliveryConfig.defaults(), kafka.configFile, System.getenv(),
                overrides);
        System.out.println("embryo-stream alerts, settings:\n" + settings.describe());
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (GracefulStop ctrlC = new GracefulStop("alerts");
             AlertDeliveryService service = AlertDeliveryService.start(new AlertDeliveryConfig(settings))) {
            while (!ctrlC.await(CHECK_EVERY) && System.nanoTime() < end) {
                Optional<Throwable> failure = service.failure();
                if (failure.isPresent()) {
                    System.err.println("Alert delivery stopped: " + failure.get().getMessage()
                            + "; undelivered alerts are delivered again on restart.");
                    return 1;
                }
            }
        }
        return 0;
    }
}
