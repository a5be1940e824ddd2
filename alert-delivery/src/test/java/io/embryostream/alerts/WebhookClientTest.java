package io.embryostream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.alerts.WebhookClient.Verdict;
import org.junit.jupiter.api.Test;

class WebhookClientTest {

    @Test
    void statusesAreAcceptedRetriedOrRejected() {
        assertThat(WebhookClient.verdict(200)).isEqualTo(Verdict.ACCEPTED);
        assertThat(WebhookClient.verdict(204)).isEqualTo(Verdict.ACCEPTED);
        assertThat(WebhookClient.verdict(503)).isEqualTo(Verdict.RETRY);
        assertThat(WebhookClient.verdict(429)).isEqualTo(Verdict.RETRY);
        assertThat(WebhookClient.verdict(408)).isEqualTo(Verdict.RETRY);
        assertThat(WebhookClient.verdict(400)).isEqualTo(Verdict.REJECTED);
        assertThat(WebhookClient.verdict(401)).isEqualTo(Verdict.REJECTED);
        assertThat(WebhookClient.verdict(302)).isEqualTo(Verdict.REJECTED);
    }
}
