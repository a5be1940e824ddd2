package io.embryostream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign CI runs (short mode, over 1,000 inputs); {@code -Dfuzz.scale=N} multiplies every
 * target's share for the long mode and {@code -Dfuzz.seed} picks another seed (docs/RELIABILITY.md).
 * The report is printed and kept in {@code target/fuzz-report.txt}.
 */
class FuzzCampaignTest {

    static final long DEFAULT_SEED = 20261207L;

    @TempDir
    Path work;

    @Test
    void everyMalformedInputIsPublishedOrReportedByNameAndNothingAroundItIsLost() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int scale = Integer.getInteger("fuzz.scale", 1);
        FuzzCampaign campaign = new FuzzCampaign(List.of(
                new FuzzCampaign.Share(new MiriSheetTarget(), 200 * scale),
                new FuzzCampaign.Share(new GomezTarget(), 200 * scale),
                new FuzzCampaign.Share(new EmbryoScopeSheetTarget(), 100 * scale),
                new FuzzCampaign.Share(new WatchedFolderTarget(), 150 * scale),
                new FuzzCampaign.Share(new ClassifierRecordsTarget(), 300 * scale),
                new FuzzCampaign.Share(new VideoTarget.Miri(), 60 * scale, true),
                new FuzzCampaign.Share(new VideoTarget.EmbryoScope(), 60 * scale, true)),
                Duration.ofSeconds(30), work, Integer.getInteger("fuzz.threads", Runtime.getRuntime().availableProcessors()));

        FuzzCampaign.Result result = campaign.run(seed);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        result.print(new PrintStream(text, true, StandardCharsets.UTF_8), seed);
        String report = text.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-report.txt"), report);

        assertThat(result.failures()).as("inputs that broke the invariant (replay each by its id)").isEmpty();
        assertThat(result.inputs()).isGreaterThanOrEqualTo(1_000 * scale);
        for (String check : Checks.CROSS_CHECKS) {
            assertThat(result.checks().get(check)).as("inputs the cross-check '%s' caught", check).isPositive();
        }
    }
}
