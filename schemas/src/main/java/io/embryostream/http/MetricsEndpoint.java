package io.embryostream.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics} (Prometheus text format) and {@code /health} (200 while the service says it is
 * healthy, 503 otherwise) on the JDK's HTTP server: the one endpoint every service of the system
 * serves (classifier, alert delivery). Takes the scrape as a supplier, so it needs no metrics library.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HttpServer server;

    /** A health answer: healthy or not, and a one-line reason. */
    public record Health(boolean healthy, String detail) {
    }

    public MetricsEndpoint(int port, Supplier<String> prometheusScrape, Supplier<Health> health) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " for /metrics and /health: "
                    + e.getMessage() + " (set metrics.port / EMBRYO_METRICS_PORT)", e);
        }
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                prometheusScrape.get()));
        server.createContext("/health", ex -> {
            Health h = health.get();
            respond(ex, h.healthy() ? 200 : 503, "application/json",
                    "{\"status\":\"" + (h.healthy() ? "UP" : "DOWN") + "\",\"detail\":\"" + h.detail() + "\"}");
        });
        server.start();
        log.info("Metrics at http://localhost:{}/metrics, health at /health", port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
