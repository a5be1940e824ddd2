package io.embryostream.view.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request and its answer: JSON, bytes or an error {@code {"error": ...}}. */
final class Exchange {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpExchange ex;

    Exchange(HttpExchange ex) {
        this.ex = ex;
    }

    String method() {
        return ex.getRequestMethod();
    }

    String path() {
        return ex.getRequestURI().getPath();
    }

    /** Path and raw query, as forwarded to another instance. */
    String pathAndQuery() {
        String q = ex.getRequestURI().getRawQuery();
        return path() + (q == null ? "" : "?" + q);
    }

    Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    String header(String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    boolean forwarded() {
        return header(PeerClient.FORWARDED_HEADER) != null;
    }

    byte[] body() throws IOException {
        return ex.getRequestBody().readAllBytes();
    }

    void json(int status, Object value) throws IOException {
        bytes(status, "application/json", JSON.writeValueAsBytes(value));
    }

    void error(int status, String message) throws IOException {
        if (status == 503) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        json(status, Map.of("error", message));
    }

    void bytes(int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
