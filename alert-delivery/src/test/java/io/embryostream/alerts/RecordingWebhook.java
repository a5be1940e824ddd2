package io.embryostream.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/** A real HTTP webhook receiver on loopback that records every request and answers as told. */
final class RecordingWebhook implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param standardHeaders the Standard Webhooks headers (webhook-id, -timestamp, -signature) as sent
     */
    record Request(String idempotencyKey, String signature, int attempt, byte[] body, Map<String, String> standardHeaders) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** {@code status} picks the answer for each request, knowing the ones before it. */
    RecordingWebhook(ToIntFunction<Request> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> standard = new LinkedHashMap<>();
            for (String name : List.of(WebhookSigner.WEBHOOK_ID, WebhookSigner.WEBHOOK_TIMESTAMP, WebhookSigner.WEBHOOK_SIGNATURE)) {
                standard.put(name, ex.getRequestHeaders().getFirst(name));
            }
            Request r = new Request(ex.getRequestHeaders().getFirst(WebhookClient.IDEMPOTENCY_KEY),
                    ex.getRequestHeaders().getFirst(WebhookSigner.HEADER),
                    Integer.parseInt(ex.getRequestHeaders().getFirst(WebhookClient.ATTEMPT)), body, standard);
            int answer = status.applyAsInt(r);
            requests.add(r);
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> keys() {
        return requests.stream().map(Request::idempotencyKey).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
