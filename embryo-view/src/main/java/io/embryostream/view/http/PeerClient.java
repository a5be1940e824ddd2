package io.embryostream.view.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another view instance (its {@code application.server} address) for what it owns. */
final class PeerClient {

    /** Marks a request one instance sent another, so a request is forwarded at most once. */
    static final String FORWARDED_HEADER = "X-Embryo-View-Forwarded";

    private final HttpClient http;
    private final Duration timeout;

    PeerClient(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** The peer's answer; I/O failures become {@link PeerUnavailableException}. */
    HttpResponse<byte[]> send(HostInfo peer, String method, String pathAndQuery, byte[] body, String contentType) {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED_HEADER, "1");
        if (body == null) {
            request.GET();
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(peer, e);
        }
    }

    /** Another instance did not answer. */
    static final class PeerUnavailableException extends RuntimeException {
        private final HostInfo peer;

        PeerUnavailableException(HostInfo peer, Exception cause) {
            super("view instance " + peer.host() + ":" + peer.port() + " did not answer (" + cause + ")", cause);
            this.peer = peer;
        }

        HostInfo peer() {
            return peer;
        }
    }
}
