package io.embryostream.ingest.embryoscope;

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

import static io.embryostream.ingest.annotation.SheetFixtures.cell;
import static io.embryostream.ingest.annotation.SheetFixtures.xls;
import static io.embryostream.ingest.annotation.SheetFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbryoScopeExportSheetTest {

    private static final String SLIDE = "D2026.01.15_S02549_I4120";
    private static final PatientColumns FAKE_PATIENT = new PatientColumns("Jane Fakename", "PID-FAKE-0042");

    @TempDir
    Path dir;

    private Path export() {
        return dir.resolve(EmbryoScopeExportSheet.fileName(SLIDE));
    }

    private static WellAnnotation hours(String well, Map<Phase, Double> onsets) {
        return new WellAnnotation(well, Onsets.of(onsets), AnnotationUnit.HOURS);
    }

    @Test
    void writtenExportReadsBackThroughPoiAndTheReaderWithoutPatientData() throws IOException {
        List<WellAnnotation> wells = List.of(
                hours("WELL01", Map.of(Phase.TPB2, 3.1, Phase.TPNA, 8.4, Phase.T2, 25.5, Phase.T9_PLUS, 70.2)),
                hours("WELL03", Map.of(Phase.T2, 26.0, Phase.TB, 100.5)));
        EmbryoScopeExportSheet.write(export(), wells, FAKE_PATIENT);

        // Independent path: header Patient Name, Patient ID, Well, tPB2, tPNa, tPNf, t2 … (t9+ as t9).
        assertThat(cell(export(), 0, 0)).isEqualTo("Patient Name");
        assertThat(cell(export(), 0, 2)).isEqualTo("Well");
        assertThat(cell(export(), 0, 6)).isEqualTo("t2");
        assertThat(cell(export(), 0, 13)).isEqualTo("t9");
        assertThat(cell(export(), 1, 0)).isEqualTo("Jane Fakename");
        assertThat(cell(export(), 1, 2)).isEqualTo(1.0);
        assertThat(cell(export(), 1, 6)).isEqualTo(25.5);
        assertThat(cell(export(), 1, 13)).isEqualTo(70.2);
        assertThat(cell(export(), 2, 2)).isEqualTo(3.0);
        assertThat(cell(export(), 2, 3)).isNull();

        SheetReadResult read = EmbryoScopeExportSheet.read(export());
        assertThat(read.wells()).extracting(WellAnnotation::wellId).containsExactly("WELL01", "WELL03");
        assertThat(read.wells().get(0).onsets().asMap()).isEqualTo(wells.get(0).onsets().asMap());
        assertThat(read.wells().get(1).onsets().asMap()).isEqualTo(wells.get(1).onsets().asMap());
        assertThat(read.unknownColumns()).isEmpty();
        assertThat(read.rejected()).isEmpty();
        assertThat(read.warnings()).containsExactly("dropped patient columns [Patient Name, Patient ID] unread");
        assertThat(read.toString()).doesNotContain("Jane", "Fakename", "PID-FAKE");
    }

    @Test
    void unknownColumnsAreReportedOnceAndT9AndTscGiveTheEarlierT9Plus() throws IOException {
        xls(export(), new Object[][]{
                {"Slide " + SLIDE},
                {},
                {"PatientID", "Well", "tPB2", "t9", "tSC", "Comment", "KIDScore", "t2"},
                {"PID-FAKE-0042", 1, 3.0, 70.0, 68.5, "fine", 8.1, 25.0},
                {"PID-FAKE-0042", 2, 4.0, null, 72.0, null, 7.0, 26.0},
                {"PID-FAKE-0042", 3, null, null, null, "no data", null, null},
                {}});

        SheetReadResult read = EmbryoScopeExportSheet.read(export());

        assertThat(read.unknownColumns()).containsExactly("Comment", "KIDScore");
        assertThat(read.wells()).extracting(w -> w.onsets().onset(Phase.T9_PLUS).orElse(-1)).containsExactly(68.5, 72.0);
        assertThat(read.wells().get(0).onsets().label(StagingScheme.GOMEZ_16, 69)).contains("t9+");
        assertThat(read.warnings()).contains("well WELL03 (row 6): nothing filled, not annotated");
        assertThat(read.toString()).doesNotContain("PID-FAKE");
    }

    @Test
    void badCellsRejectOnlyTheirWellAndNeverQuotePatientData() throws IOException {
        xls(export(), new Object[][]{
                {"Patient Name", "Well", "t2", "t3"},
                {"Jane Fakename", 1, 25.0, 36.0},
                {"Jane Fakename", 2, "Jane Fakename", 36.0},
                {"Jane Fakename", "Jane Fakename", 25.0, 36.0},
                {"Jane Fakename", 4, -1.0, 36.0},
                {"Jane Fakename", 5, 25.0, Double.NaN},
                {"Jane Fakename", 1, 25.0, 36.0},
                {"Jane Fakename", 6, 24.0, 35.0}});

        SheetReadResult read = EmbryoScopeExportSheet.read(export());

        assertThat(read.wells()).extracting(WellAnnotation::wellId).containsExactly("WELL01", "WELL06");
        assertThat(read.rejected()).hasSize(5);
        assertThat(read.rejected()).allSatisfy(e -> assertThat(e.getMessage())
                .startsWith(SLIDE + " EXPORT.xls: ").doesNotContain("Jane", "Fakename"));
        assertThat(read.rejected().get(0)).hasMessageContainingAll("cell C3", "well 2, t2", "holds text");
        assertThat(read.rejected().get(1)).hasMessageContainingAll("row 4", "Well cell does not hold a well number",
                "write the well number");
        assertThat(read.rejected().get(2)).hasMessageContainingAll("cell C5", "cannot be negative");
        assertThat(read.rejected().get(3)).hasMessageContainingAll("cell D6", "well 5, t3");
        assertThat(read.rejected().get(4)).hasMessageContainingAll("row 7", "well 1 already has a row");
    }

    @Test
    void aSheetWithoutWellHeaderOrAnnotationsIsNotAnExport() throws IOException {
        xls(export(), new Object[][]{{"2PB", 3.0}, {"2PN", 7.0}});
        assertThatThrownBy(() -> EmbryoScopeExportSheet.read(export())).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll(SLIDE + " EXPORT.xls", "no 'Well' column header in the first 10 rows",
                        "is this an EmbryoScope export?");

        xls(export(), new Object[][]{{"Well", "Patient Name", "Notes"}, {1, "Jane Fakename", "x"}});
        assertThatThrownBy(() -> EmbryoScopeExportSheet.read(export())).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("no annotation column");
    }

    @Test
    void emptyWrongExtensionAndXlsxInDisguiseFailClearly() throws IOException {
        Files.createFile(export());
        assertThatThrownBy(() -> EmbryoScopeExportSheet.read(export())).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("the file is empty");

        Path xlsx = xlsx(dir.resolve(SLIDE + " EXPORT.xlsx"), new Object[][]{{"Well", "t2"}, {1, 25.0}});
        // the same layout saved as .xlsx (what the report command writes) reads too
        assertThat(EmbryoScopeExportSheet.read(xlsx).wells()).singleElement()
                .satisfies(w -> assertThat(w.onsets().asMap()).containsEntry(io.embryostream.staging.Phase.T2, 25.0));

        Path disguised = dir.resolve("renamed EXPORT.xls");
        Files.copy(xlsx, disguised);
        assertThatThrownBy(() -> EmbryoScopeExportSheet.read(disguised)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("renamed EXPORT.xls", "not a readable binary Excel 97-2003 workbook");
    }

    @Test
    void embryoIdsAndVideoNamesParseAndFormatBack() {
        EmbryoScopeEmbryoId id = EmbryoScopeEmbryoId.parse("D2026.01.15_S02549_I4120_P-15").orElseThrow();
        assertThat(id.slideId()).isEqualTo(SLIDE);
        assertThat(id.well().id()).isEqualTo("WELL15");
        assertThat(id.format()).isEqualTo("D2026.01.15_S02549_I4120_P-15");
        assertThat(EmbryoScopeEmbryoId.parse("D2026.13.15_S02549_I4120_P-15")).isEmpty();
        assertThat(EmbryoScopeEmbryoId.parse("D2026.01.15_S02549_P-15")).isEmpty();

        EmbryoScopeVideoName plane = EmbryoScopeVideoName.parse(SLIDE + "_WELL03_F-15.avi").orElseThrow();
        assertThat(plane.slideId()).isEqualTo(SLIDE);
        assertThat(plane.well().number()).isEqualTo(3);
        assertThat(plane.planeOffset()).isEqualTo(-15);
        assertThat(plane.fileName()).isEqualTo(SLIDE + "_WELL03_F-15.avi");
        assertThat(EmbryoScopeVideoName.parse(SLIDE + "_WELL03.avi").orElseThrow().planeOffset()).isZero();
        assertThat(EmbryoScopeVideoName.of(SLIDE, new EmbryoScopeWell(4), 30).fileName()).isEqualTo(SLIDE + "_WELL04_F30.avi");
        assertThat(EmbryoScopeVideoName.parse(SLIDE + "_WELL3.avi")).isEmpty();
        assertThat(EmbryoScopeExportSheet.slideOf(Path.of(SLIDE + " EXPORT.xls"))).contains(SLIDE);
    }
}
