package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.embryostream.ingest.annotation.SheetFixtures.NUM_ERROR;
import static io.embryostream.ingest.annotation.SheetFixtures.cell;
import static io.embryostream.ingest.annotation.SheetFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiriSummarySheetTest {

    private static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");

    @TempDir
    Path dir;

    private Path summary() {
        return dir.resolve(MiriSummarySheet.fileName(SLIDE));
    }

    private static WellAnnotation hours(String well, Map<Phase, Double> onsets) {
        return new WellAnnotation(well, Onsets.of(onsets), AnnotationUnit.HOURS);
    }

    private final List<WellAnnotation> wells = List.of(
            hours("P01", Map.of(Phase.TPB2, 3.5, Phase.TPNA, 7.25, Phase.TPNF, 22.0)),
            new WellAnnotation("P02", Onsets.rapidAnnotation(), AnnotationUnit.HOURS),
            hours("P04", Map.of(Phase.TPB2, 4.0)));

    @Test
    void writtenSummaryReadsBackThroughPoiAndTheReader() throws IOException {
        MiriSummarySheet.write(summary(), wells, true);

        // Independent path: the cells as POI sees them. Row 0 names wells, then 2PB, 1PN, 2PN, 3PN, PN Fading, ras.
        assertThat(cell(summary(), 0, 1)).isEqualTo("P1");
        assertThat(cell(summary(), 0, 4)).isEqualTo("P4");
        assertThat(cell(summary(), 1, 0)).isEqualTo("2PB");
        assertThat(cell(summary(), 1, 1)).isEqualTo(3.5);
        assertThat(cell(summary(), 3, 1)).isEqualTo(7.25);
        assertThat(cell(summary(), 5, 0)).isEqualTo("PN Fading");
        assertThat(cell(summary(), 5, 1)).isEqualTo(22.0);
        assertThat(cell(summary(), 6, 0)).isEqualTo("ras");
        assertThat(cell(summary(), 6, 2)).isEqualTo(0.0);
        assertThat(cell(summary(), 1, 3)).isNull();

        SheetReadResult read = MiriSummarySheet.read(summary());
        assertThat(read.wells()).extracting(WellAnnotation::wellId).containsExactly("P01", "P02", "P04");
        assertThat(read.wells().get(0).onsets().asMap()).isEqualTo(wells.get(0).onsets().asMap());
        assertThat(read.wells().get(1).onsets().isRapidAnnotation()).isTrue();
        assertThat(read.wells().get(2).onsets().asMap()).isEqualTo(Map.of(Phase.TPB2, 4.0));
        assertThat(read.warnings()).containsExactly("well P03 (column D): nothing filled, not annotated");
        assertThat(read.rejected()).isEmpty();
        assertThat(read.unknownColumns()).isEmpty();
    }

    @Test
    void withoutWellRowWellsAreTakenByPosition() throws IOException {
        MiriSummarySheet.write(summary(), wells, false);
        assertThat(cell(summary(), 0, 0)).isEqualTo("2PB");

        SheetReadResult read = MiriSummarySheet.read(summary());
        assertThat(read.wells()).extracting(WellAnnotation::wellId).containsExactly("P01", "P02", "P04");
        assertThat(read.wells().get(0).unit()).isEqualTo(AnnotationUnit.HOURS);
    }

    @Test
    void pronucleiOnsetIs2pnElse1pnElse3pnAndRasOverridesTheRest() throws IOException {
        xlsx(summary(), new Object[][]{
                {null, "P1", "P2", "P3", "P4"},
                {"2PB", 3.0, 3.0, 3.0, 3.0},
                {"1PN", 6.0, null, 5.0, null},
                {"2PN", null, null, 7.0, null},
                {"3PN", null, 8.0, null, null},
                {"PN Fading", 20.0, 21.0, 22.0, 23.0},
                {"ras", null, null, null, 1.0},
                {"comment", "ok", null, null, null}});

        SheetReadResult read = MiriSummarySheet.read(summary());

        assertThat(read.wells()).extracting(w -> w.onsets().onset(Phase.TPNA).orElse(-1))
                .containsExactly(6.0, 8.0, 7.0, -1.0);
        assertThat(read.wells().get(3).onsets().isRapidAnnotation()).isTrue();
        assertThat(read.wells().get(3).onsets().label(StagingScheme.PRONUCLEAR_3, 0)).contains("PN");
        assertThat(read.unknownColumns()).containsExactly("comment");
    }

    @Test
    void annotationsBecomeFramesByCeilOfTwelveTimesHours() {
        assertThat(MiriFrameClock.frameOf(0)).isZero();
        assertThat(MiriFrameClock.frameOf(25 / 12.0)).isEqualTo(25);
        assertThat(MiriFrameClock.frameOf(2.01)).isEqualTo(25);
        assertThat(MiriFrameClock.frameOf(7.25)).isEqualTo(87);

        WellAnnotation frames = MiriFrameClock.toFrames(wells.get(0));
        assertThat(frames.unit()).isEqualTo(AnnotationUnit.FRAMES);
        assertThat(frames.onsets().asMap()).isEqualTo(Map.of(Phase.TPB2, 42.0, Phase.TPNA, 87.0, Phase.TPNF, 264.0));
        assertThat(frames.onsets().label(StagingScheme.PRONUCLEAR_3, 41)).contains("pre-PB2");
        assertThat(frames.onsets().label(StagingScheme.PRONUCLEAR_3, 42)).contains("PB2");
        assertThat(frames.onsets().label(StagingScheme.PRONUCLEAR_3, 264)).contains("PN");
        assertThat(frames.onsets().label(StagingScheme.PRONUCLEAR_3, 265)).isEmpty();
    }

    @Test
    void badCellsRejectTheirWellNameFileAndCellAndTheOtherWellsAreStillRead() throws IOException {
        xlsx(summary(), new Object[][]{
                {"2PB", 3.0, "three", -2.0, NUM_ERROR, 3.5},
                {"2PN", 7.0, 7.0, 7.0, 7.0, 7.5},
                {"PN Fading", 20.0, 20.0, 20.0, 20.0, Double.NaN}});

        SheetReadResult read = MiriSummarySheet.read(summary());

        assertThat(read.wells()).extracting(WellAnnotation::wellId).containsExactly("P01");
        assertThat(read.rejected()).hasSize(4);
        assertThat(read.rejected().get(0)).hasMessageContainingAll(summary().getFileName().toString(), "cell C1",
                "well P02, 2PB", "holds text", "type the hours post-insemination");
        assertThat(read.rejected().get(0).getMessage()).doesNotContain("three");
        assertThat(read.rejected().get(1)).hasMessageContainingAll("cell D1", "well P03", "-2.0", "cannot be negative");
        assertThat(read.rejected().get(2)).hasMessageContainingAll("cell E1", "#NUM!");
        assertThat(read.rejected().get(3)).hasMessageContainingAll("cell F3", "well P05, PN Fading");
    }

    @Test
    void aSheetWithoutTheRowLabelsIsNotAMiriSummary() throws IOException {
        xlsx(summary(), new Object[][]{{"Well", "t2", "t3"}, {"1", 25.0, 36.0}});

        assertThatThrownBy(() -> MiriSummarySheet.read(summary()))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx",
                        "row labels not found in column A", "missing 2PB, 2PN, PN Fading", "is this a MIRI summary?");
    }

    @Test
    void emptyWrongExtensionAndNotAWorkbookFailClearly() throws IOException {
        Files.createFile(summary());
        assertThatThrownBy(() -> MiriSummarySheet.read(summary())).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("the file is empty");

        Path csv = Files.writeString(dir.resolve("summary.csv"), "2PB,3.0\n");
        assertThatThrownBy(() -> MiriSummarySheet.read(csv)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("summary.csv", "does not end in .xlsx");

        Path fake = Files.writeString(dir.resolve("fake.xlsx"), "2PB,3.0\n");
        assertThatThrownBy(() -> MiriSummarySheet.read(fake)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("fake.xlsx", "not a readable Excel 2007+ workbook");
    }

    @Test
    void slideIdAndSummaryNameKeepTheBracketedNumber() {
        assertThat(MiriSummarySheet.slideOf(Path.of("Time-lapse # MTL-0130-0EFD-D6E0-[37] summary.xlsx"))).contains(SLIDE);
        assertThat(MiriSummarySheet.slideOf(Path.of("Time-lapse # MTL-0130 summary.xlsx"))).isEmpty();
        assertThat(MiriSlideId.parse("MTL-0130-0EFD-D6E0")).isEmpty();
    }

    @Test
    void writerRefusesWhatASummaryCannotHold() {
        WellAnnotation later = hours("P01", Map.of(Phase.T2, 25.0));
        WellAnnotation embryoScope = hours("WELL01", Map.of(Phase.TPB2, 3.0));
        WellAnnotation frames = new WellAnnotation("P01", Onsets.of(Map.of(Phase.TPB2, 3.0)), AnnotationUnit.FRAMES);
        assertThatThrownBy(() -> MiriSummarySheet.write(summary(), List.of(later), true)).hasMessageContaining("no row for t2");
        assertThatThrownBy(() -> MiriSummarySheet.write(summary(), List.of(embryoScope), true)).hasMessageContaining("P<n>");
        assertThatThrownBy(() -> MiriSummarySheet.write(summary(), List.of(frames), true)).hasMessageContaining("hold hours");
    }
}
