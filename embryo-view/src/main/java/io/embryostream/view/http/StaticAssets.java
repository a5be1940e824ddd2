package io.embryostream.view.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** The page's files, served from the jar (no CDN: the lab's network may have no internet). */
final class StaticAssets {

    private static final String ROOT = "/io/embryostream/view/web/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    /** A file and its content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private StaticAssets() {
    }

    /** {@code name} is a plain file name (index.html, view.js); anything with a path is refused. */
    static Optional<Asset> get(String name) throws IOException {
        int dot = name.lastIndexOf('.');
        if (!name.matches("[a-z0-9-]+\\.[a-z]+") || !TYPES.containsKey(name.substring(dot + 1))) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), TYPES.get(name.substring(dot + 1))));
        }
    }
}
