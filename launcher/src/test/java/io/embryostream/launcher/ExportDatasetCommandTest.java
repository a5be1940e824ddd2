package io.embryostream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.SyntheticSlide;
import io.embryostream.synthetic.embryo.TimelineSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportDatasetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aSmallSyntheticSetIsWrittenWithItsManifest() throws IOException {
        Path out = tmp.resolve("set");
        CommandRun run = CommandRun.of("export-dataset", "--synthetic", "--out", out.toString(), "--embryos", "4",
                "--hours", "3", "--interval-minutes", "30", "--planes", "-15,0", "--split", "0.5,0.25,0.25", "--threads", "2");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Rendering 4 embryos x 6 time points x 2 planes = 48 frames")
                .contains("Wrote 48 frames of 4 embryos (splits {train=2, val=1, test=1})");
        assertThat(run.err()).contains("export-dataset: 48/48 (100%)");
        assertThat(Files.readAllLines(out.resolve("labels.csv"))).hasSize(49);
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"frames\" : 48");
    }

    @Test
    void anExistingFolderIsNotOverwritten() throws IOException {
        Files.writeString(tmp.resolve("keep.txt"), "older work");
        CommandRun run = CommandRun.of("export-dataset", "--synthetic", "--out", tmp.toString(), "--embryos", "2");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Cannot export:").contains("exists and is not empty");
        assertThat(tmp.resolve("keep.txt")).hasContent("older work");
    }

    @Test
    void aGomezExportIsWrittenAndTheEmbryoItCouldNotTimeIsReportedWithExitOne() throws IOException {
        Path export = tmp.resolve("gomez");
        GomezExportWriter.write(export, SyntheticSlide.sample(5, 3, TimelineSampler.Rates.literature()),
                new GomezExportWriter.Options(4, List.of(0), 15));
        Files.delete(export.resolve("embryo_dataset_time_elapsed/" + GomezExportWriter.embryoName(2) + "_timeElapsed.csv"));
        Path config = Files.writeString(tmp.resolve("clinic.properties"), "clinic.secret=export-dataset-command-test-secret\n");
        Path out = tmp.resolve("set");

        CommandRun run = CommandRun.of("export-dataset", "--from-export", export.toString(), "--out", out.toString(),
                "--config", config.toString(), "--split", "0.5,0.5,0", "--threads", "2");

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("SKIPPED embryo_dataset_time_elapsed/" + GomezExportWriter.embryoName(2) + "_timeElapsed.csv")
                .contains("Wrote 8 frames of 2 embryos");
        assertThat(Files.readAllLines(out.resolve("labels.csv"))).hasSize(9);
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"source\" : \"gomez-reader\"");
    }

    @Test
    void syntheticOptionsAreRefusedForAnExportAndNothingIsWritten() {
        Path out = tmp.resolve("set");
        CommandRun run = CommandRun.of("export-dataset", "--from-export", tmp.toString(), "--out", out.toString(),
                "--embryos", "3", "--hours", "10");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("[--embryos, --hours] only apply to --synthetic");
        assertThat(out).doesNotExist();
    }
}
