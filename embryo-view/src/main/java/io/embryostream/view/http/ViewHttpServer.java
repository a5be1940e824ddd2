package io.embryostream.view.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.view.query.EmbryoDetail;
import io.embryostream.view.query.EmbryoFilter;
import io.embryostream.view.query.EmbryoSummary;
import io.embryostream.view.query.LocalStores;
import io.embryostream.view.query.ReferenceWindows;
import io.embryostream.view.review.AgreementMetrics;
import io.embryostream.view.review.AnnotationPublisher;
import io.embryostream.view.review.AnnotationRejectedException;
import io.embryostream.view.review.AnnotationRequest;
import io.embryostream.view.timeline.AgreementCounts;
import io.embryostream.view.timeline.LatestFrame;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's HTTP API and page (docs/view-openapi.yaml). An embryo's requests are answered by the
 * instance that owns its partition: others forward them once; lists and agreement are gathered
 * from every instance. {@code scope=local} answers from this instance's stores only (what
 * instances ask each other).
 */
public final class ViewHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewHttpServer.class);
    private static final String LOCAL = "scope=local";

    /** A gathered list, naming the instances that did not answer (their embryos are missing). */
    public record EmbryoList(List<EmbryoSummary> embryos, List<String> unavailableInstances) {
    }

    /** Agreement per model version and stage, gathered like {@link EmbryoList}. */
    public record AgreementList(List<AgreementCounts> agreement, List<String> unavailableInstances) {
    }

    /** A health answer and a one-line reason. */
    public record Health(boolean healthy, String detail) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private InstanceDirectory directory;
    private LocalStores stores;
    private PeerClient peers;
    private AnnotationPublisher publisher;
    private AgreementMetrics agreementMetrics;
    private PrometheusMeterRegistry registry;
    private Supplier<Health> health;
    private Clock clock;

    /** Binds the port (0 = any free one) so the address is known before Kafka Streams starts. */
    public ViewHttpServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on port " + port + " for the embryo view: " + e.getMessage()
                    + " (set view.http.port / EMBRYO_VIEW_HTTP_PORT)", e);
        }
        workers = Executors.newFixedThreadPool(8, r -> new Thread(r, "view-http"));
        server.setExecutor(workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Starts serving.
     *
     * @param advertisedHost this instance's host as other instances reach it (its application.server)
     */
    public void start(KafkaStreams streams, String advertisedHost, LocalStores stores, Duration forwardTimeout,
                      AnnotationPublisher publisher, PrometheusMeterRegistry registry, Supplier<Health> health,
                      Clock clock) {
        this.directory = new InstanceDirectory(streams, new HostInfo(advertisedHost, port()));
        this.stores = stores;
        this.peers = new PeerClient(forwardTimeout);
        this.publisher = publisher;
        this.registry = registry;
        this.agreementMetrics = new AgreementMetrics(registry);
        this.health = health;
        this.clock = clock;
        server.createContext("/", handler(this::page));
        server.createContext("/embryos", handler(this::embryos));
        server.createContext("/agreement", handler(this::agreement));
        server.createContext("/reference-windows", handler(ex -> ex.json(200, ReferenceWindows.all())));
        server.createContext("/metrics", handler(this::metrics));
        server.createContext("/health", handler(ex -> {
            Health h = health.get();
            ex.json(h.healthy() ? 200 : 503, Map.of("status", h.healthy() ? "UP" : "DOWN", "detail", h.detail()));
        }));
        server.start();
        log.info("Embryo view at http://{}:{}/", directory.self().host(), port());
    }

    private interface Route {
        void handle(Exchange ex) throws IOException;
    }

    private static HttpHandler handler(Route route) {
        return raw -> {
            Exchange ex = new Exchange(raw);
            try {
                route.handle(ex);
            } catch (InvalidStateStoreException e) {
                ex.error(503, "the view's stores are being rebuilt or moved (" + e.getMessage() + "); retry shortly");
            } catch (PeerClient.PeerUnavailableException e) {
                ex.error(503, e.getMessage() + "; retry shortly");
            } catch (AnnotationRejectedException e) {
                ex.error(e.status(), e.getMessage());
            } catch (IllegalArgumentException e) {
                ex.error(400, e.getMessage());
            } catch (RuntimeException e) {
                log.error("{} {} failed", ex.method(), ex.path(), e);
                ex.error(500, "internal error: " + e.getMessage());
            } finally {
                raw.close();
            }
        };
    }

    private void page(Exchange ex) throws IOException {
        String path = ex.path();
        String name = path.equals("/") ? "index.html" : path.startsWith("/assets/") ? path.substring(8) : "";
        Optional<StaticAssets.Asset> asset = StaticAssets.get(name);
        if (asset.isEmpty()) {
            ex.error(404, "no such page: " + path);
        } else {
            ex.bytes(200, asset.get().contentType(), asset.get().bytes());
        }
    }

    private void embryos(Exchange ex) throws IOException {
        String[] parts = ex.path().substring(1).split("/");
        if (parts.length == 1) {
            requireMethod(ex, "GET");
            EmbryoFilter filter = EmbryoFilter.of(ex.query());
            if (ex.query().containsKey("scope")) {
                ex.json(200, new EmbryoList(stores.summaries(filter), List.of()));
                return;
            }
            String query = filter.toQuery();
            ex.json(200, gather("/embryos?" + LOCAL + (query.isEmpty() ? "" : "&" + query), EmbryoList.class,
                    () -> stores.summaries(filter), EmbryoList::embryos,
                    (all, missing) -> new EmbryoList(all.stream().sorted(Comparator.comparing(EmbryoSummary::displayLabel)).toList(), missing)));
            return;
        }
        String embryoId = parts[1];
        String sub = parts.length > 2 ? parts[2] : "";
        if (sub.equals("annotations")) {
            requireMethod(ex, "POST");
            annotate(ex, embryoId);
            return;
        }
        requireMethod(ex, "GET");
        Optional<HostInfo> owner = owner(ex, embryoId);
        if (owner.isEmpty()) {
            return;
        }
        if (!owner.get().equals(directory.self())) {
            HttpResponse<byte[]> r = peers.send(owner.get(), "GET", ex.pathAndQuery(), null, null);
            ex.bytes(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body());
        } else if (sub.equals("frame.png")) {
            Optional<LatestFrame> frame = stores.frame(embryoId);
            if (frame.isEmpty()) {
                ex.error(404, "no frame of embryo " + embryoId + " yet (or frames are off: view.frames.enabled)");
            } else {
                ex.bytes(200, "image/png", frame.get().png());
            }
        } else if (sub.isEmpty()) {
            Optional<EmbryoDetail> detail = stores.detail(embryoId);
            if (detail.isEmpty()) {
                ex.error(404, "no embryo " + embryoId + "; GET /embryos lists the known ones");
            } else {
                ex.json(200, detail.get());
            }
        } else {
            ex.error(404, "no such resource: " + ex.path());
        }
    }

    /** The embryo's owner; answers 503 itself (and returns empty) while that is not known. */
    private Optional<HostInfo> owner(Exchange ex, String embryoId) throws IOException {
        Optional<HostInfo> owner = directory.ownerOf(embryoId);
        if (owner.isEmpty() || (ex.forwarded() && !owner.get().equals(directory.self()))) {
            ex.error(503, "the view instances are rebalancing; retry shortly");
            return Optional.empty();
        }
        return owner;
    }

    private void annotate(Exchange ex, String embryoId) throws IOException {
        AnnotationRequest request;
        try {
            request = Exchange.JSON.readValue(ex.body(), AnnotationRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AnnotationRejectedException(400, "the body must be JSON {transitionId, action, correctedOnsetHours,"
                    + " correctedStageName, reviewer, comment}: " + e.getOriginalMessage());
        }
        Optional<HostInfo> owner = owner(ex, embryoId);
        if (owner.isEmpty()) {
            return;
        }
        EmbryoDetail detail;
        if (owner.get().equals(directory.self())) {
            detail = stores.detail(embryoId).orElse(null);
        } else {
            HttpResponse<byte[]> r = peers.send(owner.get(), "GET", "/embryos/" + embryoId, null, null);
            detail = r.statusCode() == 200 ? Exchange.JSON.readValue(r.body(), EmbryoDetail.class) : null;
        }
        if (detail == null) {
            ex.error(404, "no embryo " + embryoId + "; GET /embryos lists the known ones");
            return;
        }
        AnnotationEvent event = request.toEvent(detail, ex.header("X-Forwarded-User"), clock.instant());
        publisher.publish(event);
        log.info("Review of {} {} by {}: {}", event.getDisplayLabel(), event.getStageName(), event.getReviewer(),
                event.getAction());
        ex.bytes(202, "application/json", event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void agreement(Exchange ex) throws IOException {
        requireMethod(ex, "GET");
        if (ex.query().containsKey("scope")) {
            ex.json(200, new AgreementList(stores.agreement(), List.of()));
            return;
        }
        ex.json(200, gather("/agreement?" + LOCAL, AgreementList.class, stores::agreement, AgreementList::agreement,
                (all, missing) -> new AgreementList(all.stream().sorted(Comparator.comparing(AgreementCounts::key)).toList(), missing)));
    }

    private void metrics(Exchange ex) throws IOException {
        agreementMetrics.refresh(stores.agreement());
        ex.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private interface Combiner<T, L> {
        L combine(List<T> all, List<String> unavailable);
    }

    /** This instance's part plus every other instance's {@code scope=local} answer. */
    private <T, L> L gather(String localPath, Class<L> listType, Supplier<List<T>> local, Function<L, List<T>> items,
                            Combiner<T, L> combiner) throws IOException {
        List<T> all = new ArrayList<>(local.get());
        List<String> missing = new ArrayList<>();
        for (HostInfo peer : directory.instances()) {
            if (peer.equals(directory.self())) {
                continue;
            }
            try {
                HttpResponse<byte[]> r = peers.send(peer, "GET", localPath, null, null);
                if (r.statusCode() != 200) {
                    missing.add(peer.host() + ":" + peer.port());
                    continue;
                }
                all.addAll(items.apply(Exchange.JSON.readValue(r.body(), listType)));
            } catch (PeerClient.PeerUnavailableException e) {
                log.warn("{}", e.getMessage());
                missing.add(peer.host() + ":" + peer.port());
            }
        }
        return combiner.combine(all, missing);
    }

    private static void requireMethod(Exchange ex, String method) {
        if (!ex.method().equals(method)) {
            throw new IllegalArgumentException(ex.method() + " is not allowed on " + ex.path() + "; use " + method);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
