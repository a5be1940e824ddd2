package io.embryostream.launcher;

import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.SyntheticSlide;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestCommandTest {

    @TempDir
    static Path work;
    static Path export;
    static Path config;

    @BeforeAll
    static void writeExport() throws Exception {
        export = work.resolve("export");
        MiriExportWriter.write(export, new MiriSlideId("MTL-0130-0EFD-D6E0-[37]"),
                // onsets within the 3 frames (15 min) the videos show: a summary annotates what its videos show
                TestSlides.pronuclearSlide(), new MiriExportWriter.Options(3, List.of(4), false));
        config = work.resolve("settings.properties");
        Files.writeString(config, "clinic.secret=ingest-command-test-secret-0123456789\n");
    }

    @Test
    void publishesAnExportThenARerunPublishesNothing() {
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        Path checkpoint = work.resolve("run.checkpoint");
        Run first = run("ingest", "--config", config.toString(), "--bootstrap-servers", bootstrap,
                "--checkpoint", checkpoint.toString(), export.toString());
        assertThat(first.exit).isZero();
        assertThat(first.out).contains("6 frames (6 time points) published, 2 embryos completed").contains("Nothing skipped.");
        Run again = run("ingest", "--config", config.toString(), "--bootstrap-servers", bootstrap,
                "--checkpoint", checkpoint.toString(), export.toString());
        assertThat(again.exit).isZero();
        assertThat(again.out).contains("0 frames (0 time points) published, 0 embryos completed, 2 already done");
    }

    @Test
    void aDryRunOfADamagedExportListsWhatWasSkippedAndExitsNonZero(@TempDir Path damaged) throws Exception {
        for (Path file : Files.list(export).toList()) {
            Files.copy(file, damaged.resolve(file.getFileName()));
        }
        Files.delete(damaged.resolve("MTL-0130-0EFD-D6E0-[37]-P02-FP4.avi"));
        Run run = run("ingest", "--dry-run", "--config", config.toString(), "--checkpoint",
                work.resolve("dry.checkpoint").toString(), damaged.toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).contains("SKIPPED Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx: well P02 is annotated but has no video")
                .contains("Dry run: 3 frames");
    }

    @Test
    void aFolderOfExportsAndAnotherFolderAreOneRunWithALinePerExport(@TempDir Path archive) throws Exception {
        Path nested = archive.resolve("2026/slide-38");
        MiriExportWriter.write(nested, new MiriSlideId("MTL-0130-0EFD-D6E0-[38]"),
                new SyntheticSlide(TestSlides.pronuclearSlide().wells().subList(0, 1)), new MiriExportWriter.Options(3, List.of(4), false));
        Run run = run("ingest", "--dry-run", "--config", config.toString(), "--checkpoint",
                work.resolve("archive.checkpoint").toString(), archive.toString(), export.toString());
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("2 exports:")
                .contains(archive + "/2026/slide-38 (miri-reader): 3 frames published, 1 embryos completed")
                .contains(export + " (miri-reader): 6 frames published, 2 embryos completed")
                .contains("Nothing skipped.").contains("Dry run: 9 frames");
    }

    @Test
    void withoutTheClinicSecretItRefusesToRun() {
        Run run = run("ingest", "--dry-run", export.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("clinic.secret");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = EmbryoStream.commandLine().execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
