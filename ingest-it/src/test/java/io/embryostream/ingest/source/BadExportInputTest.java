package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.DryRunFrameSink;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.miri.MiriSlideId;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damaged and mismatched exports: each problem names the file (relative to the export root) and
 * what to do, and everything else still goes through. Published to a dry-run sink: what reaches
 * Kafka is covered by the end-to-end tests.
 */
class BadExportInputTest {

    static final String SECRET = "bad-input-test-secret-0123456789";
    static final String SLIDE = "D2026.02.01_S00077_I4120";
    static final PatientColumns PATIENT = new PatientColumns("Fake Patient", "FAKE-1");
    static final int FRAMES = 3;

    @TempDir
    Path work;

    private Path embryoScope(int wells, List<Integer> planes) throws Exception {
        return EmbryoScopeExportWriter.write(work, SLIDE, TestSlides.cleavingSlide(wells, 0.2, 0.4),
                new EmbryoScopeExportWriter.Options(FRAMES, planes, 15), PATIENT).root();
    }

    private IngestReport dryRun(Path export, DryRunFrameSink sink) throws Exception {
        return IngestRuns.run(sink, export, SECRET, work.resolve("x.checkpoint"),
                ExportIngest.Options.detect().withFrameIntervalMinutes(15), () -> false);
    }

    @Test
    void aTruncatedVideoIsReportedAndTheOtherWellsGoThrough() throws Exception {
        Path export = embryoScope(2, List.of(0));
        Path video = export.resolve(SLIDE + "_WELL02_F0.avi");
        byte[] whole = Files.readAllBytes(video);
        Files.write(video, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        DryRunFrameSink sink = new DryRunFrameSink();
        IngestReport report = dryRun(export, sink);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(SLIDE + "_WELL02_F0.avi");
            assertThat(p.message()).containsAnyOf("truncated", "damaged", "cannot open");
            assertThat(p.message()).doesNotContain(work.toString());
        });
        assertThat(report.framesPublished()).isGreaterThanOrEqualTo(FRAMES).isLessThan(2 * FRAMES);
        assertThat(report.summary()).contains("SKIPPED " + SLIDE + "_WELL02_F0.avi");
    }

    @Test
    void aWellInTheSheetWithoutVideoAndAVideoWithoutSheetRowAreBothReported() throws Exception {
        Path export = embryoScope(3, List.of(0));
        Files.delete(export.resolve(SLIDE + "_WELL03_F0.avi"));
        Files.copy(export.resolve(SLIDE + "_WELL01_F0.avi"), export.resolve(SLIDE + "_WELL09_F0.avi"));
        DryRunFrameSink sink = new DryRunFrameSink();
        IngestReport report = dryRun(export, sink);
        assertThat(report.problems()).extracting(IngestProblem::file)
                .containsExactlyInAnyOrder(SLIDE + " EXPORT.xls", SLIDE + "_WELL09_F0.avi");
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("WELL03").contains("no video"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("WITHOUT labels"));
        assertThat(report.framesPublished()).isEqualTo(3 * FRAMES);
    }

    @Test
    void aMissingPlaneIsNamedAndTheWellsOtherPlanesArePublished() throws Exception {
        Path export = embryoScope(2, List.of(-15, 0));
        Files.delete(export.resolve(SLIDE + "_WELL01_F-15.avi"));
        IngestReport report = dryRun(export, new DryRunFrameSink());
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(SLIDE + "_WELL01_F-15.avi");
            assertThat(p.message()).contains("plane -15");
        });
        assertThat(report.framesPublished()).isEqualTo(3 * FRAMES);
    }

    @Test
    void negativeAndNotANumberHoursRejectTheirWellsRowWhoseFramesGoOutUnlabelled() throws Exception {
        Path export = embryoScope(2, List.of(0));
        Path sheet = export.resolve(SLIDE + " EXPORT.xls");
        try (InputStream in = Files.newInputStream(sheet); HSSFWorkbook workbook = new HSSFWorkbook(in)) {
            Sheet s = workbook.getSheetAt(0);
            CellUtil.getCell(s.getRow(1), 4).setCellValue(-3.5);
            CellUtil.getCell(s.getRow(2), 4).setCellValue(Double.NaN);
            try (OutputStream out = Files.newOutputStream(sheet)) {
                workbook.write(out);
            }
        }
        DryRunFrameSink sink = new DryRunFrameSink();
        IngestReport report = dryRun(export, sink);
        assertThat(report.problems()).filteredOn(p -> p.file().equals(SLIDE + " EXPORT.xls")).hasSize(2)
                .anySatisfy(p -> assertThat(p.message()).contains("E2").contains("negative"));
        assertThat(sink.frames()).isEqualTo(2 * FRAMES);
    }

    @Test
    void aSummaryWithAnUnknownLayoutIsRejectedAndItsVideosStillPublished() throws Exception {
        Path export = work.resolve("miri");
        MiriSlideId slide = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");
        MiriExportWriter.write(export, slide, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(FRAMES, List.of(4), false));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(export.resolve(
                "Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx"))) {
            workbook.createSheet("other").createRow(0).createCell(0).setCellValue("Embryo quality");
            workbook.write(out);
        }
        IngestReport report = dryRun(export, new DryRunFrameSink());
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx");
            assertThat(p.message()).contains("row labels not found").contains("MIRI summary");
        });
        assertThat(report.framesPublished()).isEqualTo(2 * FRAMES);
    }

    @Test
    void aCorruptJpegIsNamedAndTheRestOfTheEmbryoGoesThrough() throws Exception {
        Path dataset = work.resolve("gomez");
        GomezExportWriter.write(dataset, TestSlides.cleavingSlide(1, 0.1, 0.25), new GomezExportWriter.Options(FRAMES, List.of(0), 15));
        String name = GomezExportWriter.embryoName(1);
        Path jpeg = dataset.resolve("embryo_dataset_F0/" + name + "/" + name + "_RUN2.jpeg");
        Files.write(jpeg, "this is not a jpeg".getBytes());
        IngestReport report = dryRun(dataset, new DryRunFrameSink());
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("embryo_dataset_F0/" + name + "/" + name + "_RUN2.jpeg");
            assertThat(p.message()).contains("copy it again");
        });
        assertThat(report.framesPublished()).isEqualTo(FRAMES - 1);
    }

    @Test
    void aTimeFileWithNegativeHoursSkipsOnlyItsEmbryo() throws Exception {
        Path dataset = work.resolve("gomez-time");
        GomezExportWriter.write(dataset, TestSlides.cleavingSlide(2, 0.1, 0.25), new GomezExportWriter.Options(FRAMES, List.of(0), 15));
        String name = GomezExportWriter.embryoName(1);
        Path time = dataset.resolve("embryo_dataset_time_elapsed/" + name + "_timeElapsed.csv");
        Files.writeString(time, "frame,time_elapsed\n1,0.25\n2,-0.5\n3,0.75\n");
        IngestReport report = dryRun(dataset, new DryRunFrameSink());
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("embryo_dataset_time_elapsed/" + name + "_timeElapsed.csv");
            assertThat(p.message()).contains("line 3").contains("skipped");
        });
        assertThat(report.framesPublished()).isEqualTo(FRAMES);
    }

    @Test
    void anEmbryoScopeExportNeedsTheFrameInterval() throws Exception {
        Path export = embryoScope(1, List.of(0));
        assertThatThrownBy(() -> IngestRuns.run(new DryRunFrameSink(), export, SECRET, work.resolve("y.checkpoint"),
                ExportIngest.Options.detect(), () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--frame-interval-minutes");
    }
}
