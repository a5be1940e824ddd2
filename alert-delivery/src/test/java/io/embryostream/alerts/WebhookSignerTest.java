package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.config.ConfigException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private final WebhookSigner signer = new WebhookSigner("a-shared-secret-of-32-characters");

    /** Reference value from {@code printf 'e1:X:1.{"a":1}' | openssl dgst -sha256 -hmac '<secret>'}. */
    @Test
    void signsKeyDotBodyAsOpensslDoes() {
        assertThat(signer.sign("e1:X:1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=71b4b95519245b0fd3a130568353c06823ffe333a63f2e89e9a9e8e3b440784d");
    }

    @Test
    void theSameBodyUnderAnotherKeyHasAnotherSignature() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(signer.sign("e1:X:2", body)).isNotEqualTo(signer.sign("e1:X:1", body));
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new WebhookSigner("short")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("EMBRYO_ALERTS_WEBHOOK_SECRET");
    }
}
