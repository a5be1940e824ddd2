package io.embryostream.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.gomez.GomezTimeElapsedFile;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labelled clinic exports written by the synthetic export writers, turned into training sets through the ingest
 * pipeline, and read back independently: labels.csv split by hand, the annotation files parsed here, frames by
 * ImageIO, and the trainer's own reader.
 */
class LabelledExportDatasetTest {

    private static final String SECRET = "labelled-export-dataset-test-secret";
    private static final EmbryoIds IDS = new EmbryoIds(SECRET);
    private static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");

    @TempDir
    Path tmp;

    private static LabelledExportDataset.Result export(Path export, Path out, EmbryoSplits splits) throws IOException {
        return new LabelledExportDataset(IDS, ExportIngest.Options.detect().withThreads(2), () -> false)
                .write(export, out, splits, total -> new ProgressLine("test", total,
                        new PrintStream(OutputStream.nullOutputStream()), false, System::currentTimeMillis, 60_000));
    }

    @Test
    void aMiriExportBecomesCanonicalFramesLabelledFromTheSummaryOnTheFrameAxis() throws Exception {
        Path export = tmp.resolve("miri");
        MiriExportWriter.write(export, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(6, List.of(3, 4), false));
        Path out = tmp.resolve("set");

        LabelledExportDataset.Result result = export(export, out, new EmbryoSplits(7, 0.5, 0.5, 0));

        assertThat(result.report().problems()).isEmpty();
        List<String[]> rows = rows(out);
        assertThat(rows).hasSize(2 * 2 * 6);
        // The summary's hours on the frame axis, ceil(12 h) (FORMATS.md §1): well 1 tPB2 0.15 h → 2, 2PN 0.285 h → 4,
        // PN Fading 0.42 h → 6; well 2 (3PN) 0.20 → 3, 0.335 → 5, 0.47 → 6.
        Map<String, Onsets> onsets = Map.of(
                IDS.embryoId("miri:" + SLIDE + ":P01"), frameOnsets(2, 4, 6),
                IDS.embryoId("miri:" + SLIDE + ":P02"), frameOnsets(3, 5, 6));
        for (String[] r : rows) {
            int k = Integer.parseInt(r[1]);
            assertThat(onsets).containsKey(r[0]);
            assertThat(Double.parseDouble(r[2])).isEqualTo(k * 5 / 60.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(r[3]).isIn("-15", "0");
            assertLabels(r, onsets.get(r[0]), k);
        }
        String well1 = IDS.embryoId("miri:" + SLIDE + ":P01");
        assertThat(rows.stream().filter(r -> r[0].equals(well1) && r[3].equals("0")).map(r -> r[4] + "/" + r[5]))
                .containsExactly("pre-PB2/", "PB2/tPB2", "PB2/tPB2", "PN/tPNa", "PN/tPNa", "PN/tPNf");
        assertCanonicalPngs(out, rows);
        assertSplitsPerEmbryo(rows, 2);

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("source").asText()).isEqualTo("miri-reader");
        assertThat(manifest.get("sourceVersion").asText()).isEqualTo("1");
        assertThat(manifest.get("seed").isNull()).isTrue();
        assertThat(manifest.get("splitSeed").asLong()).isEqualTo(7);
        assertThat(manifest.get("planes").toString()).isEqualTo("[-15,0]");
        assertThat(manifest.get("frames").asInt()).isEqualTo(24);
        assertThat(manifest.get("fingerprint").asText()).isEqualTo(result.manifest().fingerprint()).startsWith("sha256:");
        trainerReads(out, 2, 6);
    }

    @Test
    void aGomezExportIsLabelledFromItsPhaseFilesWithTheTimeFilesHours() throws Exception {
        Path export = tmp.resolve("gomez");
        GomezExportWriter.write(export, TestSlides.cleavingSlide(4, 0.1, 0.25), new GomezExportWriter.Options(8, List.of(-15, 0, 15), 15));
        Path out = tmp.resolve("set");

        LabelledExportDataset.Result result = export(export, out, new EmbryoSplits(3, 0.5, 0.25, 0.25));

        assertThat(result.report().problems()).isEmpty();
        List<String[]> rows = rows(out);
        assertThat(rows).hasSize(4 * 8 * 3);
        Map<String, Onsets> onsets = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (int n = 1; n <= 4; n++) {
            String name = GomezExportWriter.embryoName(n);
            String id = IDS.embryoId("gomez:" + name);
            onsets.put(id, phaseFileOnsets(export.resolve("embryo_dataset_annotations/" + name + "_phases.csv")));
            names.put(id, name);
        }
        for (String[] r : rows) {
            int k = Integer.parseInt(r[1]);
            double hours = GomezTimeElapsedFile.read(export.resolve("embryo_dataset_time_elapsed/" + names.get(r[0])
                    + "_timeElapsed.csv")).hoursAt(k).orElseThrow();
            assertThat(Double.parseDouble(r[2])).isEqualTo(hours);
            assertLabels(r, onsets.get(r[0]), k);
        }
        assertThat(rows.stream().map(r -> r[5]).collect(Collectors.toSet())).contains("tPB2", "tPNa", "tPNf", "t2");
        assertCanonicalPngs(out, rows);
        assertSplitsPerEmbryo(rows, 4);
        assertThat(result.manifest().source()).isEqualTo("gomez-reader");
        assertThat(result.manifest().splits()).containsEntry("train", 2).containsEntry("val", 1).containsEntry("test", 1);
        trainerReads(out, 4, 8);
    }

    @Test
    void aFolderWithoutAnExportLeavesNoHalfMadeDataset() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("not-an-export"));
        Path out = tmp.resolve("set");

        assertThatThrownBy(() -> export(empty, out, new EmbryoSplits(1, 1, 0, 0))).isInstanceOf(IOException.class);
        assertThat(out).doesNotExist();
    }

    private static Onsets frameOnsets(int pb2, int pn, int fading) {
        return Onsets.of(Map.of(Phase.TPB2, (double) pb2, Phase.TPNA, (double) pn, Phase.TPNF, (double) fading));
    }

    /** {@code phase,first_frame,last_frame}, no header: each phase's first frame is its onset. */
    private static Onsets phaseFileOnsets(Path file) throws IOException {
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                String[] cells = line.split(",");
                onsets.put(Phase.fromAnnotationName(cells[0]).orElseThrow(), Double.parseDouble(cells[1]));
            }
        }
        return Onsets.of(onsets);
    }

    private static void assertLabels(String[] row, Onsets onsets, int timePoint) {
        assertThat(row[4]).as("pronuclear-3 of %s at %d", row[0], timePoint)
                .isEqualTo(onsets.label(StagingScheme.PRONUCLEAR_3, timePoint).orElse(""));
        assertThat(row[5]).as("gomez-16 of %s at %d", row[0], timePoint)
                .isEqualTo(onsets.label(StagingScheme.GOMEZ_16, timePoint).orElse(""));
        assertThat(row[6]).as("no cell count in a clinic export").isEmpty();
        assertThat(row[7]).isEqualTo("0");
    }

    private static List<String[]> rows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("labels.csv"));
        assertThat(lines.get(0)).isEqualTo("embryo,time_point,hpi,plane,pronuclear3,gomez16,cell_count,reversal,split,path");
        return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static void assertCanonicalPngs(Path out, List<String[]> rows) throws IOException {
        for (String[] r : rows) {
            BufferedImage image = ImageIO.read(out.resolve(r[9]).toFile());
            assertThat(image.getType()).as(r[9]).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(image.getHeight()).isEqualTo(256);
        }
        try (var files = Files.walk(out.resolve("frames"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(rows.size());
        }
    }

    private static void assertSplitsPerEmbryo(List<String[]> rows, int embryos) {
        Map<String, Set<String>> splitsOf = new HashMap<>();
        rows.forEach(r -> splitsOf.computeIfAbsent(r[0], e -> new TreeSet<>()).add(r[8]));
        assertThat(splitsOf).hasSize(embryos).allSatisfy((embryo, splits) -> assertThat(splits).hasSize(1));
    }

    /** trainer-export's reader (Debian's python3 and numpy; skipped where they are missing) loads the set. */
    private static void trainerReads(Path out, int embryos, int timePoints) throws Exception {
        Path trainer = Path.of("..", "trainer-export").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(trainer.resolve("trainer_export/dataset.py")), "trainer-export not beside ingest");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c",
                "import sys; from trainer_export.dataset import TrainingSet\n"
                        + "s = TrainingSet.load(sys.argv[1])\n"
                        + "print(len(s.embryos), sorted({len(e.time_points) for e in s.embryos}), s.planes(),"
                        + " sum(int((e.targets('gomez-16') >= 0).sum()) for e in s.embryos))",
                out.toString()));
        Process p = new ProcessBuilder(command).directory(trainer.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(output.contains("No module named 'numpy'"), "numpy missing");
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).startsWith(embryos + " [" + timePoints + "] ");
    }
}
