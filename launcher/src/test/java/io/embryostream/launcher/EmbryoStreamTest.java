package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class EmbryoStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "ingest", "simulate", "classify", "export-dataset", "alerts", "report", "view", "broker", "health"})
    void everySubcommandHasHelp(String name) {
        CommandLine cli = EmbryoStream.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute(name, "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: embryo-stream " + name);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("PT2H")).isEqualTo(Duration.ofHours(2));
        int exit = EmbryoStream.commandLine().setErr(new PrintWriter(new StringWriter()))
                .execute("demo", "--duration", "soon");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void theDemoRunsBrokerClassifierAndIncubatorAndEndsWithASummary() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = EmbryoStream.commandLine().execute("demo", "--duration", "15s", "--metrics-port", "0");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("Embedded Kafka broker at").contains("embryo.frames.v1").contains("Demo finished")
                .contains("Summary").containsPattern("stage events +[1-9]");
    }
}
