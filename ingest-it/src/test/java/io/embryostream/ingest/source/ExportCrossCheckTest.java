package io.embryostream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.synthetic.export.AviChunks;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.SummaryEdits;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.synthetic.export.VideoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad exports that once passed as "Nothing skipped" (issue 19), each built from the synthetic MIRI
 * writer's export and damaged the way clinics' copies are: the cross-checks report each one with the
 * file and well, and the exit code says so (a problem), while everything else is published.
 */
class ExportCrossCheckTest {

    static final String SECRET = "cross-check-test-secret-0123456789";
    static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");
    static final int FRAMES = 6;

    @TempDir
    Path work;

    private Path export;
    private EmbryoIds ids;

    @BeforeEach
    void writeExport() throws Exception {
        export = work.resolve("miri");
        MiriExportWriter.write(export, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(FRAMES, List.of(3, 4), false));
        ids = new EmbryoIds(SECRET);
    }

    private String well(int n) {
        return ids.embryoId("miri:" + SLIDE + ":P0" + n);
    }

    private Path video(int well, int fp) {
        return export.resolve(SLIDE + "-P0" + well + "-FP" + fp + ".avi");
    }

    private IngestReport ingest(CollectingSink sink) throws Exception {
        return IngestRuns.run(sink, export, SECRET, work.resolve("x.checkpoint"), ExportIngest.Options.detect(), () -> false);
    }

    @Test
    void aStillPictureInPlaceOfAPlanesVideoIsRefusedNamedAndTheWellsOtherPlaneIsPublished() throws Exception {
        try (VideoWriter still = new VideoWriter(video(1, 3), 640, 480, 1)) {
            still.write(new byte[640 * 480]);
        }
        CollectingSink sink = new CollectingSink();
        IngestReport report = ingest(sink);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(SLIDE + "-P01-FP3.avi");
            assertThat(p.message()).contains("plane -15", "640x480 video of 1 frame", "not a MIRI video (1280x720)",
                    "not published");
        });
        assertThat(report.skippedAnything()).isTrue();
        assertThat(sink.planes(well(1))).as("well 1: plane 0 only").containsOnly(0).hasSize(FRAMES);
        assertThat(sink.planes(well(2))).hasSize(2 * FRAMES);
    }

    @Test
    void aPlaneCutShortIsReportedWithItsFrameCountsAndPublishedAsFarAsItGoes() throws Exception {
        Path shorter = work.resolve("shorter");
        MiriExportWriter.write(shorter, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(3, List.of(4), false));
        Files.copy(shorter.resolve(SLIDE + "-P02-FP4.avi"), video(2, 4), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CollectingSink sink = new CollectingSink();
        IngestReport report = ingest(sink);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(SLIDE + "-P02-FP4.avi");
            assertThat(p.message()).contains("plane 0 has 3 frames where the well's longest plane has 6",
                    "after frame 3 were published without this plane");
        });
        assertThat(sink.planes(well(2))).hasSize(FRAMES + 3);
    }

    @Test
    void anHourFormulaWithoutACachedValueIsEvaluatedNotReadAsZero() throws Exception {
        // P01's 2PB: 0.15 h as a formula a tool wrote without its cached value (which POI reads as 0)
        editSummary(sheet -> {
            Row row = row(sheet, "2PB");
            row.removeCell(row.getCell(1));
            row.createCell(1).setCellFormula("0.05*3");
        });
        CollectingSink sink = new CollectingSink();
        IngestReport report = ingest(sink);

        assertThat(report.problems()).isEmpty();
        assertThat(sink.first(well(1)).getGroundTruth().getPronuclear3())
                .as("frame 1 (5 min) is before the 2nd polar body at 0.15 h; read as 0 h it would be PB2").isEqualTo("pre-PB2");
    }

    @Test
    void contradictoryEventsAndHoursBeyondTheRecordingAreReportedAndThoseWellsGoOutUnlabelled() throws Exception {
        editSummary(sheet -> {
            row(sheet, "2PB").getCell(1).setCellValue(30.0);     // P01: 2nd polar body at 30 h ...
            pronucleiRow(sheet).getCell(1).setCellValue(12.0);  // ... after the pronuclei at 12 h
            row(sheet, "PN Fading").getCell(2).setCellValue(1_000_000.0); // P02: a million hours
        });
        CollectingSink sink = new CollectingSink();
        IngestReport report = ingest(sink);

        String summary = MiriSummarySheet.fileName(SLIDE);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(summary);
            assertThat(p.message()).contains("well P01", "tPB2 at 30.00 h comes after tPNa at 12.00 h", "developmental order");
        });
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(summary);
            assertThat(p.message()).contains("tPNf at frame 12000000", "beyond the recording", "WITHOUT labels");
        });
        assertThat(report.skippedAnything()).isTrue();
        assertThat(sink.frames(well(1))).allSatisfy(f -> assertThat(f.getGroundTruth()).isNull());
        assertThat(sink.frames(well(2))).allSatisfy(f -> assertThat(f.getGroundTruth()).isNull());
        assertThat(sink.frames(well(1))).hasSize(2 * FRAMES);
    }

    @Test
    void damagedBytesInsideAVideoAreCountedPerVideoAndReportedWhenTheFrameCountStillMatches() throws Exception {
        Path damaged = video(2, 3);
        byte[] bytes = Files.readAllBytes(damaged);
        int third = AviChunks.frameChunk(bytes, 3);
        for (int i = 0; i < 16; i++) {
            bytes[third + 8 + 4_000 + 97 * i] ^= 0x5A; // inside the frame's bytes: headers and index stay intact
        }
        Files.write(damaged, bytes);
        CollectingSink sink = new CollectingSink();
        IngestReport report = ingest(sink);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(SLIDE + "-P02-FP3.avi");
            assertThat(p.message()).contains("FFmpeg decoded 1 of 6 frames with errors (frame 3)", "first: \"ffv1: slice CRC mismatch",
                    "compare the file with the clinic's original");
        });
        assertThat(report.skippedAnything()).isTrue();
        assertThat(sink.planes(well(2))).as("published as decoded, and reported").hasSize(2 * FRAMES);
    }

    private void editSummary(Consumer<Sheet> edit) throws Exception {
        SummaryEdits.edit(export.resolve(MiriSummarySheet.fileName(SLIDE)), edit);
    }

    private static Row row(Sheet sheet, String label) {
        return SummaryEdits.row(sheet, label);
    }

    private static Row pronucleiRow(Sheet sheet) {
        for (String label : List.of("2PN", "1PN", "3PN")) {
            Row r = row(sheet, label);
            if (r.getCell(1) != null && r.getCell(1).getNumericCellValue() > 0) {
                return r;
            }
        }
        throw new AssertionError("no pronuclei row filled for P01");
    }
}
