package io.embryostream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign. Short in the build (20 embryos x 40 time points, 2 kills, 1 broker restart, scaling);
 * {@code -Dreliability.scale=long} for the documented long run. The figures line goes to
 * {@code target/fault-campaign-report.txt} with what happened when; the child JVMs' logs stay in {@code target/campaign}.
 */
class FaultCampaignTest {

    @Test
    void nothingLostNothingDoubledUnderKillsBrokerRestartsScalingAndNetworkFaults() throws Exception {
        FaultCampaign.Scale scale = "long".equals(System.getProperty("reliability.scale"))
                ? FaultCampaign.Scale.LONG : FaultCampaign.Scale.SHORT;
        Path dir = Files.createDirectories(Path.of("target", "campaign-" + scale.name()).toAbsolutePath());
        Path model = Path.of("..", "model/src/test/resources/parity-model").toAbsolutePath().normalize();
        FaultCampaign campaign = new FaultCampaign(scale, dir, model);

        FaultCampaign.Figures f = campaign.run();

        String report = f.line() + "\n\n" + String.join("\n", campaign.events()) + "\n";
        Files.writeString(Path.of("target", "fault-campaign-report.txt"), report);
        System.out.println(f.line());
        assertThat(f.passed()).as(report).isTrue();
        assertThat(f.kills()).as(report).isEqualTo(2 * scale.cycles());
        assertThat(f.midTransactionKills()).as("kills that landed while a transaction was open").isPositive();
        assertThat(f.brokerRestarts()).isEqualTo(scale.cycles());
        assertThat(f.rebalances()).as("group membership changes").isGreaterThanOrEqualTo(scale.cycles());
        assertThat(f.resets()).as("connections reset by the proxies").isPositive();
        assertThat(f.drops()).as("connections dropped by the proxies").isPositive();
        assertThat(f.proxyBytes()).as("traffic through the proxies").isPositive();
        assertThat(f.recordsVerified()).isGreaterThanOrEqualTo((long) scale.embryos() * scale.timePoints());
    }
}
