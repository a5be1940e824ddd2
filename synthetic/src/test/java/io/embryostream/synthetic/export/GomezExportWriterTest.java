package io.embryostream.synthetic.export;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists a written Gomez-layout dataset and reads its jpeg and csv files with the JDK alone. */
class GomezExportWriterTest {

    @TempDir
    static Path root;

    @BeforeAll
    static void writeDataset() throws Exception {
        GomezExportWriter.write(root, TestSlides.cleavingSlide(2, 0.1, 0.25),
                new GomezExportWriter.Options(8, List.of(-15, 0, 15), 15));
    }

    @Test
    void writesOneJpegFolderPerPlaneAndEmbryoWithEveryRun() throws Exception {
        try (Stream<Path> top = Files.list(root)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("embryo_dataset_F-15",
                    "embryo_dataset_F0", "embryo_dataset_F15", "embryo_dataset_annotations", "embryo_dataset_time_elapsed");
        }
        for (String plane : List.of("F-15", "F0", "F15")) {
            for (String embryo : List.of("SYN001-1", "SYN002-1")) {
                Path folder = root.resolve("embryo_dataset_" + plane).resolve(embryo);
                try (Stream<Path> jpegs = Files.list(folder)) {
                    assertThat(jpegs.map(p -> p.getFileName().toString()))
                            .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 8)
                                    .mapToObj(k -> embryo + "_RUN" + k + ".jpeg").toList());
                }
                BufferedImage image = ImageIO.read(folder.resolve(embryo + "_RUN8.jpeg").toFile());
                assertThat(image.getWidth()).isEqualTo(500);
                assertThat(image.getHeight()).isEqualTo(500);
                assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            }
        }
    }

    @Test
    void phaseFileStartsEachPhaseAtTheFirstFrameTakenAfterItsOnset() throws Exception {
        List<String> times = Files.readAllLines(root.resolve("embryo_dataset_time_elapsed/SYN001-1_timeElapsed.csv"));
        assertThat(times.get(0)).isEqualTo("frame,time_elapsed");
        assertThat(times).hasSize(9);
        double[] hours = times.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        for (int k = 0; k < 8; k++) {
            assertThat(hours[k]).as("frame %d near %d × 15 min", k + 1, k + 1).isBetween((k + 1) * 0.25 - 0.02, (k + 1) * 0.25 + 0.02);
        }
        // embryo 1: tPB2 0.2 h, tPNa 0.45 h, tPNf 0.7 h, t2 0.95 h, t3 1.2 h
        List<String> phases = Files.readAllLines(root.resolve("embryo_dataset_annotations/SYN001-1_phases.csv"));
        double[] onsets = {0.2, 0.45, 0.7, 0.95, 1.2};
        String[] names = {"tPB2", "tPNa", "tPNf", "t2", "t3"};
        assertThat(phases).hasSize(5);
        for (int i = 0; i < 5; i++) {
            String[] row = phases.get(i).split(",");
            int first = Integer.parseInt(row[1]);
            assertThat(row[0]).isEqualTo(names[i]);
            assertThat(hours[first - 1]).isGreaterThanOrEqualTo(onsets[i]);
            if (first > 1) {
                assertThat(hours[first - 2]).isLessThan(onsets[i]);
            }
        }
    }
}
