package io.embryostream.synthetic.dataset;

import io.embryostream.ingest.dataset.DatasetManifest;
import io.embryostream.ingest.dataset.EmbryoSplits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.SyntheticCohort;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.synthetic.embryo.TimingModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny synthetic training set, read back through independent paths: file listing, ImageIO, a CSV split by hand. */
class SyntheticDatasetExportTest {

    private static final EmbryoIds IDS = new EmbryoIds("dataset-test-secret-0123456789");
    private static final int EMBRYOS = 10;
    private static final CultureSchedule SCHEDULE = new CultureSchedule(60, 8);
    private static final List<Integer> PLANES = List.of(-15, 0, 15);

    @TempDir
    Path tmp;

    private static SyntheticCohort cohort(long seed) {
        return SyntheticCohort.sampled(new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.literature()),
                seed, EMBRYOS);
    }

    private static DatasetManifest export(long seed, Path root) {
        SyntheticDatasetExport export = new SyntheticDatasetExport(cohort(seed), SCHEDULE, PLANES, IDS, seed, 2);
        ProgressLine progress = new ProgressLine("export", export.frames(), new PrintStream(new ByteArrayOutputStream()),
                false, System::currentTimeMillis, 60_000);
        DatasetManifest manifest = export.writeTo(root, new EmbryoSplits(3, 0.6, 0.2, 0.2), progress);
        assertThat(progress.done()).isEqualTo(EMBRYOS * 8 * 3);
        return manifest;
    }

    @Test
    void theExportHoldsEveryFrameAsACanonicalPngWithTheRenderersLabelsAndPerEmbryoSplits() throws Exception {
        Path root = tmp.resolve("set");
        DatasetManifest manifest = export(1, root);
        SyntheticCohort cohort = cohort(1);
        SyntheticDatasetExport ids = new SyntheticDatasetExport(cohort, SCHEDULE, PLANES, IDS, 1, 1);

        List<String> lines = Files.readAllLines(root.resolve("labels.csv"));
        assertThat(lines.get(0)).isEqualTo("embryo,time_point,hpi,plane,pronuclear3,gomez16,cell_count,reversal,split,path");
        List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertThat(rows).hasSize(EMBRYOS * 8 * 3).allSatisfy(r -> assertThat(r).hasSize(10));
        try (Stream<Path> files = Files.walk(root.resolve("frames"))) {
            Set<String> onDisk = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(Collectors.toSet());
            assertThat(onDisk).containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r[9]).toList());
        }

        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < EMBRYOS; i++) {
            indexOf.put(ids.embryoId(i), i);
        }
        Map<String, Set<String>> splitsOf = new HashMap<>();
        for (String[] r : rows) {
            int timePoint = Integer.parseInt(r[1]);
            double hpi = Double.parseDouble(r[2]);
            assertThat(hpi).isEqualTo((timePoint - 1) * 1.0);
            assertThat(r[9]).isEqualTo("frames/" + r[0] + "/" + String.format("%04d", timePoint) + "_"
                    + (r[3].startsWith("-") ? "m" + r[3].substring(1) : "p" + r[3]) + ".png");
            FrameTruth truth = EmbryoRenderer.truth(cohort.timeline(indexOf.get(r[0])), hpi);
            assertThat(r[4]).isEqualTo(truth.pronuclear3().orElse(""));
            assertThat(r[5]).isEqualTo(truth.gomez16().orElse(""));
            assertThat(r[6]).isEqualTo(Integer.toString(truth.cellCount()));
            assertThat(r[7]).isEqualTo(truth.reversal() ? "1" : "0");
            splitsOf.computeIfAbsent(r[0], e -> new TreeSet<>()).add(r[8]);
        }
        assertThat(splitsOf).hasSize(EMBRYOS).allSatisfy((embryo, splits) -> assertThat(splits).hasSize(1));
        assertThat(splitsOf.values().stream().map(s -> s.iterator().next()).collect(Collectors.groupingBy(s -> s,
                Collectors.counting()))).containsEntry("train", 6L).containsEntry("val", 2L).containsEntry("test", 2L);

        for (String[] r : rows.subList(0, 30)) {
            BufferedImage image = ImageIO.read(root.resolve(r[9]).toFile());
            assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(image.getWidth()).isEqualTo(256);
            assertThat(image.getHeight()).isEqualTo(256);
        }

        JsonNode json = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("embryo-stream-dataset/1");
        assertThat(json.get("source").asText()).isEqualTo("synthetic-incubator");
        assertThat(json.get("sourceVersion").asText()).isEqualTo(EmbryoRenderer.RENDERER_VERSION);
        assertThat(json.get("seed").asLong()).isEqualTo(1);
        assertThat(json.get("splitSeed").asLong()).isEqualTo(3);
        assertThat(json.get("canonicalSize").asInt()).isEqualTo(256);
        assertThat(json.get("planes").toString()).isEqualTo("[-15,0,15]");
        assertThat(json.get("embryos").asInt()).isEqualTo(EMBRYOS);
        assertThat(json.get("frames").asInt()).isEqualTo(rows.size());
        assertThat(json.get("splits").toString()).isEqualTo("{\"test\":2,\"train\":6,\"val\":2}");
        assertThat(json.get("fingerprint").asText()).isEqualTo(manifest.fingerprint()).isEqualTo(fingerprintOf(root, rows));
    }

    @Test
    void aReplayedRealSequenceGetsFramesOnlyAsFarAsItWasRecorded() throws Exception {
        // annotated up to frame 10 of 15 minutes = 2.5 h: hourly frames at 0, 1 and 2 h, none after
        Path phases = Files.writeString(tmp.resolve("short_phases.csv"), "tPB2,0,3\ntPNa,4,10\n");
        SyntheticDatasetExport export = new SyntheticDatasetExport(SyntheticCohort.replayed(List.of(phases), 4, 1),
                SCHEDULE, List.of(0), IDS, 4, 1);
        assertThat(export.frames()).isEqualTo(3);
        Path root = tmp.resolve("replayed");
        export.writeTo(root, new EmbryoSplits(3, 1, 0, 0), new ProgressLine("export", export.frames(),
                new PrintStream(new ByteArrayOutputStream()), false, System::currentTimeMillis, 60_000));
        List<String[]> rows = Files.readAllLines(root.resolve("labels.csv")).stream().skip(1)
                .map(l -> l.split(",", -1)).toList();
        assertThat(rows).extracting(r -> r[1]).containsExactly("1", "2", "3");
        assertThat(rows).extracting(r -> r[5]).containsExactly("tPB2", "tPNa", "tPNa");
    }

    @Test
    void theFingerprintIsStableForASeedAndChangesWithAnother() {
        String first = export(5, tmp.resolve("a")).fingerprint();
        String again = export(5, tmp.resolve("b")).fingerprint();
        String other = export(6, tmp.resolve("c")).fingerprint();

        assertThat(first).startsWith("sha256:").isEqualTo(again).isNotEqualTo(other);
    }

    /** DATASET.md's definition, computed here without the writer's code. */
    private static String fingerprintOf(Path root, List<String[]> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(root.resolve("labels.csv")));
        for (String[] r : rows) {
            sha.update(Files.readAllBytes(root.resolve(r[9])));
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
