package io.embryostream.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * One POST of an alert to the webhook, classified: accepted (2xx), worth retrying (timeouts,
 * connection failures, 408, 425, 429, 5xx) or rejected for good (any other status: the receiver
 * will not take this body, so repeating it cannot help).
 */
public final class WebhookClient {

    /** The request header receivers drop repeats by: the alert id. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** 1 for the first try of an alert, counting up on each retry. */
    public static final String ATTEMPT = "X-Embryo-Delivery-Attempt";

    /** What became of one attempt. */
    public enum Verdict { ACCEPTED, RETRY, REJECTED }

    /** One attempt's verdict and a line for logs and dead letters (status and the start of the answer). */
    public record Attempt(Verdict verdict, String detail) {
    }

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final WebhookSigner signer;
    private final Clock clock;

    public WebhookClient(URI url, Duration timeout, WebhookSigner signer) {
        this(url, timeout, signer, Clock.systemUTC());
    }

    WebhookClient(URI url, Duration timeout, WebhookSigner signer, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.url = url;
        this.timeout = timeout;
        this.signer = signer;
        this.clock = clock;
    }

    public Attempt post(String idempotencyKey, byte[] body, int attempt) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .header(ATTEMPT, String.valueOf(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // each attempt its own timestamp: receivers refuse ones older than their tolerance (replays)
        signer.headers(idempotencyKey, clock.instant(), body).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = "HTTP " + status + " from " + url + answer(response.body());
            return new Attempt(verdict(status), detail);
        } catch (IOException e) {
            return new Attempt(Verdict.RETRY, e.getClass().getSimpleName() + " posting to " + url + ": "
                    + e.getMessage());
        }
    }

    static Verdict verdict(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.ACCEPTED;
        }
        boolean transientStatus = status == 408 || status == 425 || status == 429 || status >= 500;
        return transientStatus ? Verdict.RETRY : Verdict.REJECTED;
    }

    private static String answer(String body) {
        String b = body == null ? "" : body.strip();
        return b.isEmpty() ? "" : ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b);
    }
}
