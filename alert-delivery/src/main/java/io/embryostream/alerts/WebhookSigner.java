package io.embryostream.alerts;

import io.embryostream.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests so receivers can tell them from forgeries: {@code sha256=} and the hex
 * HMAC-SHA256, under the shared secret, of the Idempotency-Key, a {@code '.'}, and the body bytes.
 * The key is inside the signature, so a captured body cannot be replayed under another key.
 */
public final class WebhookSigner {

    /** The request header carrying the signature. */
    public static final String HEADER = "X-Embryo-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        if (secret.length() < 16) {
            throw new ConfigException("alerts.webhook.secret must have at least 16 characters (EMBRYO_ALERTS_WEBHOOK_SECRET)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for a body sent under {@code idempotencyKey}. */
    public String sign(String idempotencyKey, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks " + ALGORITHM, e);
        }
    }
}
