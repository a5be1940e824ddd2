package io.embryostream.synthetic.export;

import io.embryostream.ingest.embryoscope.PatientColumns;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reads a written EmbryoScope export back through JavaCV, HSSF and a folder listing. */
class EmbryoScopeExportWriterTest {

    static final PatientColumns PATIENT = new PatientColumns("ZZFAKE Marguerite", "PID-ZZ-770134");
    static final String SLIDE = "D2026.01.15_S02549_I4120";

    @TempDir
    static Path parent;
    static ExportFiles files;

    @BeforeAll
    static void writeExport() throws Exception {
        files = EmbryoScopeExportWriter.write(parent, SLIDE, TestSlides.cleavingSlide(2, 0.2, 0.4),
                new EmbryoScopeExportWriter.Options(5, List.of(-15, 0), 15), PATIENT);
    }

    @Test
    void theFakePatientNamesTheExportFolder() {
        assertThat(files.root().getParent()).isEqualTo(parent);
        assertThat(files.root().getFileName().toString()).contains(PATIENT.name()).contains(PATIENT.id());
    }

    @Test
    void writesOneVideoPerWellAndPlaneOf500By500WithTheFrameCount() throws Exception {
        try (Stream<Path> listing = Files.list(files.root())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    SLIDE + "_WELL01_F-15.avi", SLIDE + "_WELL01_F0.avi",
                    SLIDE + "_WELL02_F-15.avi", SLIDE + "_WELL02_F0.avi", SLIDE + " EXPORT.xls");
        }
        for (Path video : files.media()) {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                grabber.start();
                assertThat(grabber.getImageWidth()).isEqualTo(500);
                assertThat(grabber.getImageHeight()).isEqualTo(500);
            }
            assertThat(MiriExportWriterTest.grabAll(video)).isEqualTo(5);
        }
    }

    @Test
    void sheetHoldsTheFakePatientInItsColumnsAndTheOnsetsInHours() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(files.root().resolve(SLIDE + " EXPORT.xls"));
             HSSFWorkbook workbook = new HSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            sheet.forEach(rows::add);
            Row header = rows.get(0);
            List<String> names = new ArrayList<>();
            header.forEach(c -> names.add(c.getStringCellValue()));
            assertThat(names).startsWith("Patient Name", "Patient ID", "Well", "tPB2", "tPNa", "tPNf", "t2", "t3");
            assertThat(rows).hasSize(3);
            for (int r = 1; r <= 2; r++) {
                assertThat(rows.get(r).getCell(0).getStringCellValue()).isEqualTo(PATIENT.name());
                assertThat(rows.get(r).getCell(1).getStringCellValue()).isEqualTo(PATIENT.id());
                assertThat(rows.get(r).getCell(2).getNumericCellValue()).isEqualTo(r);
            }
            // well 2: tPB2 at 0.2 + 0.1 × 2 = 0.4 h, then one phase every 0.4 h; t2 (1.6 h) and t3 (2.0 h) come after
            // the last frame (5 × 15 min = 1.25 h): never seen, so not annotated
            assertThat(rows.get(2).getCell(3).getNumericCellValue()).isCloseTo(0.4, within(1e-9));
            assertThat(rows.get(2).getCell(5).getNumericCellValue()).isCloseTo(1.2, within(1e-9));
            assertThat(rows.get(2).getCell(6)).isNull();
            assertThat(rows.get(2).getCell(7)).isNull();
        }
    }
}
