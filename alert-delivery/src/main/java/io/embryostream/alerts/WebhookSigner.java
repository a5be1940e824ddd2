package io.embryostream.alerts;

import io.embryostream.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests so receivers can tell them from forgeries and refuse replays, the
 * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> way: {@code webhook-id} (the alert's
 * idempotency key), {@code webhook-timestamp} (Unix seconds of the attempt) and {@code webhook-signature}
 * {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, so receivers' Standard Webhooks
 * libraries verify it and refuse stale timestamps. The key: the secret's bytes after {@code whsec_},
 * base64-decoded, when it has that form (as the standard's libraries generate them); else its UTF-8
 * bytes (receivers give it to their library as a raw secret).
 *
 * <p>Deprecated, sent for one more release: {@code X-Embryo-Signature}, {@code sha256=} and the hex
 * HMAC-SHA256 of the idempotency key, a {@code '.'} and the body under the secret's UTF-8 bytes.
 */
public final class WebhookSigner {

    /** The deprecated header of the first releases (docs/OPERATIONS.md says until when). */
    public static final String HEADER = "X-Embryo-Signature";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String STANDARD_PREFIX = "whsec_";

    private final SecretKeySpec legacyKey;
    private final SecretKeySpec standardKey;

    public WebhookSigner(String secret) {
        if (secret.length() < 16) {
            throw new ConfigException("alerts.webhook.secret must have at least 16 characters (EMBRYO_ALERTS_WEBHOOK_SECRET)");
        }
        this.legacyKey = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        byte[] standard;
        if (secret.startsWith(STANDARD_PREFIX)) {
            try {
                standard = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("alerts.webhook.secret starts with whsec_ but the rest is not base64: "
                        + e.getMessage());
            }
        } else {
            standard = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.standardKey = new SecretKeySpec(standard, ALGORITHM);
    }

    /** Every signing header of one attempt, in the order sent. */
    public Map<String, String> headers(String idempotencyKey, Instant attemptTime, byte[] body) {
        String timestamp = Long.toString(attemptTime.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WEBHOOK_ID, idempotencyKey);
        headers.put(WEBHOOK_TIMESTAMP, timestamp);
        headers.put(WEBHOOK_SIGNATURE, "v1," + Base64.getEncoder().encodeToString(
                hmac(standardKey, idempotencyKey + "." + timestamp + ".", body)));
        headers.put(HEADER, sign(idempotencyKey, body));
        return headers;
    }

    /** The deprecated {@link #HEADER} value for a body sent under {@code idempotencyKey}. */
    public String sign(String idempotencyKey, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(legacyKey, idempotencyKey + ".", body));
    }

    private static byte[] hmac(SecretKeySpec key, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks " + ALGORITHM, e);
        }
    }
}
