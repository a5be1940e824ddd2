package io.embryostream.synthetic.export;

import io.embryostream.ingest.miri.MiriSlideId;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reads a written MIRI export back through JavaCV and POI directly, not through the project's readers. */
class MiriExportWriterTest {

    static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");

    @TempDir
    static Path folder;
    static ExportFiles files;

    @BeforeAll
    static void writeExport() throws Exception {
        files = MiriExportWriter.write(folder, SLIDE, TestSlides.pronuclearSlide(),
                new MiriExportWriter.Options(6, List.of(3, 4), true));
    }

    @Test
    void writesOneAviAndOneMp4PerWellAndPlaneWithTheFrameCountAndSize() throws Exception {
        try (Stream<Path> listing = Files.list(folder)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avi") || n.endsWith(".mp4")))
                    .containsExactlyInAnyOrder(
                            "MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi", "MTL-0130-0EFD-D6E0-[37]-P01-FP3.mp4",
                            "MTL-0130-0EFD-D6E0-[37]-P01-FP4.avi", "MTL-0130-0EFD-D6E0-[37]-P01-FP4.mp4",
                            "MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi", "MTL-0130-0EFD-D6E0-[37]-P02-FP3.mp4",
                            "MTL-0130-0EFD-D6E0-[37]-P02-FP4.avi", "MTL-0130-0EFD-D6E0-[37]-P02-FP4.mp4");
        }
        for (Path video : files.media()) {
            assertThat(grabAll(video)).as(video.getFileName().toString()).isEqualTo(6);
        }
    }

    @Test
    void theEmbryoSitsInsideTheBoxRealExportsShow() throws Exception {
        Path video = folder.resolve("MTL-0130-0EFD-D6E0-[37]-P01-FP4.avi");
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(1280);
            assertThat(grabber.getImageHeight()).isEqualTo(720);
        }
        for (long seed : new long[] {11, 12, 1, 2, 3}) {
            var g = MiriExportWriter.geometry(seed);
            assertThat(g.centreX() - g.zonaRadiusPx()).isGreaterThanOrEqualTo(410);
            assertThat(g.centreX() + g.zonaRadiusPx()).isLessThanOrEqualTo(870);
            assertThat(g.centreY() - g.zonaRadiusPx()).isGreaterThanOrEqualTo(200);
            assertThat(g.centreY() + g.zonaRadiusPx()).isLessThanOrEqualTo(520);
            assertThat(g.centreX()).as("off centre").isNotEqualTo(640);
        }
    }

    @Test
    void summaryIsTransposedWithThePronucleiInTheRowOfTheirCount() throws Exception {
        Map<String, Row> rows = new HashMap<>();
        try (InputStream in = Files.newInputStream(folder.resolve("Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx"));
             Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("P1");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("P2");
            for (Row row : sheet) {
                Cell label = row.getCell(0);
                if (label != null) {
                    rows.put(label.getStringCellValue(), row);
                }
            }
        }
        assertThat(rows).containsKeys("2PB", "1PN", "2PN", "3PN", "PN Fading", "ras");
        assertThat(rows.get("2PB").getCell(1).getNumericCellValue()).isCloseTo(0.15, within(1e-9));
        assertThat(rows.get("2PB").getCell(2).getNumericCellValue()).isCloseTo(0.20, within(1e-9));
        assertThat(rows.get("2PN").getCell(1).getNumericCellValue()).isCloseTo(0.285, within(1e-9));
        assertThat(rows.get("2PN").getCell(2)).isNull();
        assertThat(rows.get("3PN").getCell(2).getNumericCellValue()).isCloseTo(0.335, within(1e-9));
        assertThat(rows.get("3PN").getCell(1)).isNull();
        assertThat(rows.get("PN Fading").getCell(1).getNumericCellValue()).isCloseTo(0.42, within(1e-9));
        assertThat(rows.get("ras").getCell(1)).isNull();
    }

    @Test
    void correspondenceSheetRenamesEveryVideoOnce() throws Exception {
        List<String> lines = Files.readAllLines(folder.resolve("Sheet de correspondance.csv"));
        assertThat(lines.get(0)).isEqualTo("original name,new name");
        assertThat(lines).hasSize(1 + files.media().size());
        assertThat(lines).contains("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi,SEQ001.avi", "MTL-0130-0EFD-D6E0-[37]-P01-FP3.mp4,SEQ002.mp4");
    }

    @Test
    void theSameSeedWritesTheSameFrames(@TempDir Path again) throws Exception {
        MiriExportWriter.write(again, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(6, List.of(3, 4), false));
        String name = "MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi";
        assertThat(Files.readAllBytes(again.resolve(name))).isEqualTo(Files.readAllBytes(folder.resolve(name)));
    }

    static int grabAll(Path video) throws Exception {
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                frames++;
            }
        }
        return frames;
    }
}
