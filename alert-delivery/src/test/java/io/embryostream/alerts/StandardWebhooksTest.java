package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signatures as a receiver checks them: every request the webhook client sends — first tries,
 * retries after 500s and after a timeout — is verified by the Standard Webhooks reference library
 * for Node.js, which also refuses a tampered body and a replay of a captured request.
 */
class StandardWebhooksTest {

    private static final byte[] BODY_1 = "{\"alertId\":\"e1:DIRECT_CLEAVAGE:1\",\"type\":\"DIRECT_CLEAVAGE\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY_2 = "{\"alertId\":\"e2:STALLED:4\",\"type\":\"STALLED\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "secret {0}")
    @ValueSource(strings = {"whsec", "raw"})
    void theReferenceLibraryAcceptsEveryAttemptAndRefusesTamperingAndReplays(String form) throws Exception {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String secret = form.equals("whsec") ? "whsec_" + Base64.getEncoder().encodeToString(key)
                : "a-raw-shared-secret-of-some-length";
        WebhookSigner signer = new WebhookSigner(secret);
        AtomicInteger seen = new AtomicInteger();
        try (RecordingWebhook webhook = new RecordingWebhook(r -> switch (seen.incrementAndGet()) {
            case 1, 2 -> 500;
            case 3 -> {
                // past the client's timeout: an attempt the receiver saw but never answered in time (the receiver
                // handles one request at a time, so the retry is answered once this one is done, within its timeout)
                sleep(Duration.ofMillis(1_000));
                yield 200;
            }
            default -> 200;
        })) {
            WebhookClient client = new WebhookClient(webhook.url(), Duration.ofMillis(600), signer);
            List<WebhookClient.Verdict> verdicts = new ArrayList<>();
            for (int attempt = 1; attempt <= 4; attempt++) {
                verdicts.add(client.post("e1:DIRECT_CLEAVAGE:1", BODY_1, attempt).verdict());
            }
            verdicts.add(client.post("e2:STALLED:4", BODY_2, 1).verdict());
            assertThat(verdicts).containsExactly(WebhookClient.Verdict.RETRY, WebhookClient.Verdict.RETRY,
                    WebhookClient.Verdict.RETRY, WebhookClient.Verdict.ACCEPTED, WebhookClient.Verdict.ACCEPTED);

            List<Map<String, String>> headers = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            for (RecordingWebhook.Request r : webhook.requests()) {
                assertThat(r.standardHeaders().get(WebhookSigner.WEBHOOK_ID)).as("the id is the idempotency key")
                        .isEqualTo(r.idempotencyKey());
                assertThat(r.signature()).as("the deprecated header, one more release").isEqualTo(signer.sign(r.idempotencyKey(), r.body()));
                headers.add(r.standardHeaders());
                bodies.add(r.body());
            }
            assertThat(headers).hasSize(5);
            // a tampered body under real headers, and a request captured ten minutes ago replayed now
            headers.add(webhook.requests().get(4).standardHeaders());
            bodies.add("{\"alertId\":\"e2:STALLED:4\",\"type\":\"DIRECT_CLEAVAGE\"}".getBytes(StandardCharsets.UTF_8));
            headers.add(signer.headers("e2:STALLED:4", Instant.now().minus(Duration.ofMinutes(10)), BODY_2));
            bodies.add(BODY_2);

            List<String> verdictsOfReceiver = StandardWebhooksLibrary.verify(secret, form.equals("raw"), headers, bodies);

            assertThat(verdictsOfReceiver).hasSize(7);
            assertThat(verdictsOfReceiver.subList(0, 5)).as("every attempt verifies").containsOnly("ok");
            assertThat(verdictsOfReceiver.get(5)).as("tampered body").startsWith("refused").containsIgnoringCase("signature");
            assertThat(verdictsOfReceiver.get(6)).as("replayed capture").startsWith("refused").containsIgnoringCase("too old");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
