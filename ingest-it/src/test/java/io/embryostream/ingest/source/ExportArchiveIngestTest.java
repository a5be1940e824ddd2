package io.embryostream.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.dataset.EmbryoSplits;
import io.embryostream.ingest.dataset.LabelledExportDataset;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.ProgressLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A clinic's archive at once: a folder holding a MIRI, an EmbryoScope and a Gomez export at several
 * depths (written by the synthetic writers), a broken export and a folder mixing two kinds. Every
 * embryo of every readable export is published, with the ids each export gets when ingested alone,
 * and lands in one training set; the broken ones are reported and the rest goes through.
 */
class ExportArchiveIngestTest {

    private static final String SECRET = "export-archive-test-secret";
    private static final int FRAMES = 4;
    private static final ExportIngest.Options OPTIONS = ExportIngest.Options.detect().withFrameIntervalMinutes(15).withThreads(2);

    @TempDir
    static Path work;
    static Path archive;
    static Path miri;
    static Path embryoScope;
    static Path gomez;

    @BeforeAll
    static void writeArchive() throws Exception {
        archive = work.resolve("archive");
        miri = archive.resolve("2026/MIRI-1");
        MiriExportWriter.write(miri, new MiriSlideId("MTL-0130-0EFD-D6E0-[37]"), TestSlides.pronuclearSlide(),
                new MiriExportWriter.Options(FRAMES, List.of(4), false));
        embryoScope = EmbryoScopeExportWriter.write(archive.resolve("2026/embryoscope"), "D2026.01.15_S02549_I4120",
                TestSlides.cleavingSlide(2, 0.1, 0.25), new EmbryoScopeExportWriter.Options(FRAMES, List.of(0), 15),
                new PatientColumns("QXFAKE Archive Patient", "QX-PID-0001")).root();
        gomez = archive.resolve("public/gomez");
        GomezExportWriter.write(gomez, TestSlides.cleavingSlide(3, 0.1, 0.25), new GomezExportWriter.Options(FRAMES, List.of(0), 15));
        // Unreadable: the central plane twice. Refused: two kinds in one folder.
        Path broken = archive.resolve("public/broken");
        Files.createDirectories(broken.resolve("embryo_dataset/E1"));
        Files.createDirectories(broken.resolve("embryo_dataset_F0/E1"));
        Path mixed = archive.resolve("2025/mixed");
        Files.createDirectories(mixed);
        Files.createFile(mixed.resolve("Time-lapse # MTL-0130-0EFD-D6E0-[38] summary.xlsx"));
        Files.createFile(mixed.resolve("D2025.01.01_S00001_I1 EXPORT.xls"));
        Files.writeString(archive.resolve("README.txt"), "not an export");
    }

    @Test
    void everyEmbryoOfEveryExportIsPublishedWithTheIdsItGetsAlone() throws Exception {
        CollectingSink alone = new CollectingSink();
        for (Path export : List.of(miri, embryoScope, gomez)) {
            IngestReport report = IngestRuns.run(alone, export, SECRET, work.resolve("alone-" + System.nanoTime()), OPTIONS, () -> false);
            assertThat(report.problems()).isEmpty();
        }
        CollectingSink together = new CollectingSink();
        IngestReport report = IngestRuns.run(together, archive, SECRET, work.resolve("archive.checkpoint"), OPTIONS, () -> false);

        assertThat(together.frameIds()).isEqualTo(alone.frameIds()).hasSize((2 + 2 + 3) * FRAMES);
        assertThat(together.embryoIds()).hasSize(7);
        assertThat(report.framesPublished()).isEqualTo((2 + 2 + 3) * FRAMES);
        assertThat(report.embryosCompleted()).isEqualTo(7);
        assertThat(report.readers()).extracting(ExportReader::name)
                .containsExactly("miri-reader", "embryoscope-reader", "gomez-reader");
        // one line per export, in folder order; the broken and the mixed folder named with why
        assertThat(report.exports()).extracting(IngestReport.ExportLine::label).containsExactly(
                "2025/mixed", "2026/MIRI-1", "2026/embryoscope/QXFAKE Archive Patient (QX-PID-0001)", "public/broken", "public/gomez");
        assertThat(report.exports().get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("several kinds"));
        assertThat(report.exports().get(3).failure()).hasValueSatisfying(f -> assertThat(f).contains("keep one folder per plane"));
        assertThat(report.exports().get(4).framesPublished()).isEqualTo(3 * FRAMES);
        assertThat(report.problems()).extracting(IngestProblem::file).containsExactly("2025/mixed", "public/broken");
        assertThat(report.summary()).contains("5 exports:", "2026/MIRI-1 (miri-reader): 8 frames published, 2 embryos completed",
                "public/broken: NOT READ", "2 problem(s), the rest went through");
    }

    @Test
    void severalFoldersAreOneArchiveAndACopiedSlideIsPublishedOnce() throws Exception {
        Path copy = work.resolve("copy-of-miri");
        copyTree(miri, copy);
        CollectingSink sink = new CollectingSink();
        IngestReport report = IngestRuns.run(sink, List.of(miri, gomez, copy), SECRET, work.resolve("several.checkpoint"), OPTIONS);

        assertThat(report.exports()).extracting(IngestReport.ExportLine::label)
                .containsExactly(miri.toString(), gomez.toString(), copy.toString());
        assertThat(sink.embryoIds()).hasSize(2 + 3);
        assertThat(report.framesPublished()).isEqualTo((2 + 3) * FRAMES);
        assertThat(report.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.file()).startsWith(copy + "/");
            assertThat(p.message()).contains("also in an export read before");
        });
    }

    @Test
    void theArchiveIsOneTrainingSetSplitByEmbryo() throws Exception {
        Path out = work.resolve("set");
        LabelledExportDataset.Result result = new LabelledExportDataset(new EmbryoIds(SECRET), OPTIONS, () -> false)
                .write(List.of(archive), out, new EmbryoSplits(3, 0.6, 0.2, 0.2), total -> new ProgressLine("test", total,
                        new PrintStream(OutputStream.nullOutputStream()), false, System::currentTimeMillis, 60_000));

        assertThat(result.manifest().embryos()).isEqualTo(7);
        assertThat(result.manifest().frames()).isEqualTo(7 * FRAMES);
        assertThat(result.report().problems()).hasSize(2);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("source").asText()).isEqualTo("miri-reader+embryoscope-reader+gomez-reader");
        assertThat(manifest.toString()).doesNotContain("QXFAKE").doesNotContain("QX-PID");
        List<String> lines = Files.readAllLines(out.resolve("labels.csv"));
        Map<String, Set<String>> splitsByEmbryo = new HashMap<>();
        lines.stream().skip(1).map(l -> l.split(",", -1))
                .forEach(r -> splitsByEmbryo.computeIfAbsent(r[0], e -> new TreeSet<>()).add(r[8]));
        assertThat(splitsByEmbryo).hasSize(7).allSatisfy((embryo, splits) -> assertThat(splits).hasSize(1));
        assertThat(splitsByEmbryo.values().stream().flatMap(Set::stream).collect(Collectors.toSet())).hasSizeGreaterThan(1);
    }

    @Test
    void aFolderWithNoExportAtAnyDepthIsRefusedNamingWhatItHolds() throws Exception {
        Path empty = work.resolve("nothing/here");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> IngestRuns.run(new CollectingSink(), empty.getParent(), SECRET, work.resolve("n.checkpoint"), OPTIONS,
                () -> false)).hasMessageContainingAll("no known export here", "found here/");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
