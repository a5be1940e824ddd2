package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    @Test
    void aSpeedTheMachineCannotRenderIsRefusedWithTheFigures() {
        CommandRun run = CommandRun.of("simulate", "--dry-run", "--speed", "100000000", "--calibration", "300ms");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).contains("Offered load: 16 embryos x 3 planes, a frame every 10 culture min")
                .contains("This machine renders and encodes");
        assertThat(run.err()).contains("Refusing to start: speed 100000000x needs 8000000 frames/s").contains("at most --speed");
    }

    @Test
    void aDryRunRendersTheWholeCultureAndSaysSo() {
        // 15-minute frames at 4500x: a time point every 0.2 s, 4 per embryo; a load any machine renders, cold JIT included
        CommandRun run = CommandRun.of("simulate", "--dry-run", "--slides", "1", "--wells", "2", "--hours", "1",
                "--interval-minutes", "15", "--speed", "4500", "--planes", "-15,0", "--calibration", "1s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Offered load: 2 embryos x 2 planes, a frame every 15 culture min = 0.20 s wall at 4500x:"
                + " 10.0 time points/s, 20 frames/s")
                .contains("Simulation finished").contains("2 embryos ended of 2, 8 time points, 16 frames rendered (dry run)");
        assertThat(run.err()).contains("simulate: 2 embryos (2 started, 2 ended), 8 time points");
    }

    @Test
    void publishingToTheBrokerEndsWithEveryEmbryoEnded() {
        CommandRun run = CommandRun.of("simulate", "--bootstrap-servers", SharedEmbeddedKafka.broker().bootstrapServers(),
                "--slides", "1", "--wells", "2", "--hours", "1", "--interval-minutes", "15", "--speed", "4500",
                "--seed", Long.toString(System.nanoTime()), "--bad-records", "1", "--calibration", "1s");
        // the default planes: -15, 0 and +15

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 embryos ended of 2, 8 time points, 24 frames published");
        assertThat(run.err()).contains("+ 1 bad records");
    }

    @Test
    void withoutBrokersOrDryRunItSaysWhatToGive() {
        CommandRun run = CommandRun.of("simulate", "--calibration", "300ms");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("give --bootstrap-servers").contains("--dry-run");
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        CommandRun run = CommandRun.of("simulate", "--dry-run", "--planes", "0,0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot simulate: focal planes must be given once each");
    }
}
