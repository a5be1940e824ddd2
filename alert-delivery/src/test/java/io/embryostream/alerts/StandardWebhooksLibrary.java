package io.embryostream.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Standard Webhooks reference library for Node.js ({@code standardwebhooks} from npm, pinned in
 * {@code src/test/node/package-lock.json}): verifies requests as a receiver would. Installed once into
 * {@code target/standardwebhooks} with {@code npm ci} (from the npm registry, or npm's cache).
 */
final class StandardWebhooksLibrary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path HOME = Path.of("target/standardwebhooks");

    private StandardWebhooksLibrary() {
    }

    /** One verdict per request: "ok", or "refused: " and the library's reason. */
    static synchronized List<String> verify(String secret, boolean rawSecret, List<Map<String, String>> headers,
                                            List<byte[]> bodies) throws IOException, InterruptedException {
        install();
        ObjectNode input = JSON.createObjectNode().put("secret", secret).put("raw", rawSecret);
        ArrayNode requests = input.putArray("requests");
        for (int i = 0; i < headers.size(); i++) {
            ObjectNode r = requests.addObject();
            headers.get(i).forEach(r.putObject("headers")::put);
            r.put("body", Base64.getEncoder().encodeToString(bodies.get(i)));
        }
        Process node = new ProcessBuilder("node", "verify.mjs").directory(HOME.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(input));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new AssertionError("node verify.mjs failed: " + out);
        }
        return out.lines().toList();
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "verify.mjs")) {
            Files.copy(SOURCES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(HOME.resolve("node_modules/standardwebhooks"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                .redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new AssertionError("npm ci of the Standard Webhooks library failed (it needs the npm registry once,"
                    + " or npm's cache): " + out);
        }
    }
}
