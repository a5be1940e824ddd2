package io.embryostream.alerts;

import io.embryostream.http.MetricsEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/** The running {@code alerts} service: delivery plus its /metrics and /health endpoint. */
public final class AlertDeliveryService implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final AlertDelivery delivery;
    private final MetricsEndpoint endpoint;

    private AlertDeliveryService(AlertDeliveryConfig config) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        delivery = AlertDelivery.start(config, new DeliveryMetrics(registry), registry);
        endpoint = new MetricsEndpoint(config.metricsPort(), registry::scrape, () -> new MetricsEndpoint.Health(
                delivery.running(), delivery.running() ? "delivering" : "delivery stopped"));
    }

    public static AlertDeliveryService start(AlertDeliveryConfig config) {
        return new AlertDeliveryService(config);
    }

    public int metricsPort() {
        return endpoint.port();
    }

    /** Why delivery stopped on its own, if it did (the command then exits non-zero to be restarted). */
    public Optional<Throwable> failure() {
        return delivery.failure();
    }

    @Override
    public void close() {
        delivery.close();
        endpoint.close();
        gcMetrics.close();
        registry.close();
    }
}
