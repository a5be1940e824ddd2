package io.embryostream.ingest.source;

import io.embryostream.ingest.layout.ExportLayout;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.ingest.format.ExportWell;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.ingest.gomez.GomezFolderFixture;
import io.embryostream.ingest.miri.MiriCorrespondenceSheet;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.embryostream.ingest.annotation.SheetFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Layout discovery matches by name only and never opens media, so the videos here are empty
 * files with the export's names; the sheets are real workbooks.
 */
class ExportLayoutTest {

    private static final String MIRI_SLIDE = "MTL-0130-0EFD-D6E0-[37]";
    private static final String ES_SLIDE = "D2026.01.15_S02549_I4120";

    @TempDir
    Path folder;

    private Path touch(String name) throws IOException {
        return Files.createFile(folder.resolve(name));
    }

    private static WellAnnotation hours(String well, Map<Phase, Double> onsets) {
        return new WellAnnotation(well, Onsets.of(onsets), AnnotationUnit.HOURS);
    }

    @Test
    void miriFolderMatchesSheetColumnsToVideosIncludingRenamedOnes() throws IOException {
        MiriSummarySheet.write(folder.resolve(MiriSummarySheet.fileName(new MiriSlideId(MIRI_SLIDE))), List.of(
                hours("P01", Map.of(Phase.TPB2, 3.0)),
                hours("P02", Map.of(Phase.TPB2, 4.0)),
                hours("P04", Map.of(Phase.TPB2, 5.0))), true);
        Path p1fp3 = touch(MIRI_SLIDE + "-P01-FP3.avi");
        Path p1fp4 = touch(MIRI_SLIDE + "-P01-FP4.avi");
        Path renamed = touch("SEQ002.avi");
        MiriCorrespondenceSheet.write(folder.resolve(MiriCorrespondenceSheet.FILE_NAME),
                Map.of(MIRI_SLIDE + "-P02-FP3.avi", "SEQ002"));
        Path p5 = touch(MIRI_SLIDE + "-P05-FP3.mp4");
        Path stray = touch("holiday.avi");
        Path fp9 = touch(MIRI_SLIDE + "-P01-FP9.avi");

        ExportInventory inventory = ExportLayout.inventory(folder);

        assertThat(inventory.kind()).isEqualTo(ExportKind.MIRI);
        assertThat(inventory.wells()).extracting(ExportWell::wellId).containsExactly("P01", "P02", "P04", "P05");
        ExportWell p1 = inventory.wells().get(0);
        assertThat(p1.slideId()).isEqualTo(MIRI_SLIDE);
        assertThat(p1.annotation().orElseThrow().onsets().onset(Phase.TPB2)).hasValue(3.0);
        assertThat(p1.mediaByPlane()).containsExactly(Map.entry(-15, List.of(p1fp3)), Map.entry(0, List.of(p1fp4)));
        assertThat(inventory.wells().get(1).mediaByPlane()).containsExactly(Map.entry(-15, List.of(renamed)));
        assertThat(inventory.wellsWithoutMedia()).containsExactly(MIRI_SLIDE + " P04");
        assertThat(inventory.mediaWithoutAnnotation()).containsExactlyInAnyOrder(stray, fp9, p5);
        assertThat(inventory.warnings()).anySatisfy(w -> assertThat(w).startsWith("holiday.avi: not named"))
                .anySatisfy(w -> assertThat(w).contains("FP9 is not in the MIRI plane table"))
                .anySatisfy(w -> assertThat(w).contains("well P03 (column D): nothing filled"));
    }

    @Test
    void embryoScopeFolderReportsWellsWithoutVideoAndVideosWithoutRow() throws IOException {
        EmbryoScopeExportSheet.write(folder.resolve(EmbryoScopeExportSheet.fileName(ES_SLIDE)), List.of(
                hours("WELL01", Map.of(Phase.T2, 25.0)), hours("WELL02", Map.of(Phase.T2, 26.0))),
                new PatientColumns("Jane Fakename", "PID-FAKE-0042"));
        Path w1 = touch(ES_SLIDE + "_WELL01_F0.avi");
        Path w1m15 = touch(ES_SLIDE + "_WELL01_F-15.avi");
        Path w3 = touch(ES_SLIDE + "_WELL03.avi");

        ExportInventory inventory = ExportLayout.inventory(folder);

        assertThat(inventory.kind()).isEqualTo(ExportKind.EMBRYOSCOPE);
        assertThat(inventory.wells()).extracting(ExportWell::wellId).containsExactly("WELL01", "WELL02", "WELL03");
        assertThat(inventory.wells().get(0).mediaByPlane()).containsExactly(Map.entry(-15, List.of(w1m15)), Map.entry(0, List.of(w1)));
        assertThat(inventory.wellsWithoutMedia()).containsExactly(ES_SLIDE + " WELL02");
        assertThat(inventory.mediaWithoutAnnotation()).containsExactly(w3);
        assertThat(inventory.toString()).doesNotContain("Jane", "PID-FAKE");
    }

    @Test
    void gomezFolderListsEmbryosWithFramesAndPhases() throws IOException {
        GomezFolderFixture.frames(folder, "embryo_dataset_F0", "KF460-3", List.of(2, 1));
        GomezFolderFixture.frames(folder, "embryo_dataset_F0", "NOPHASES-1", List.of(1));
        GomezFolderFixture.phases(folder, "KF460-3");
        GomezFolderFixture.phases(folder, "TN888-3");

        ExportInventory inventory = ExportLayout.inventory(folder);

        assertThat(inventory.kind()).isEqualTo(ExportKind.GOMEZ);
        assertThat(inventory.wells()).extracting(ExportWell::wellId).containsExactly("KF460-3", "NOPHASES-1", "TN888-3");
        ExportWell kf = inventory.wells().get(0);
        assertThat(kf.annotation().orElseThrow().unit()).isEqualTo(AnnotationUnit.FRAMES);
        assertThat(kf.mediaByPlane().get(0)).extracting(p -> p.getFileName().toString())
                .containsExactly("KF460-3_RUN1.jpeg", "KF460-3_RUN2.jpeg");
        assertThat(inventory.wellsWithoutMedia()).containsExactly(folder.getFileName() + " TN888-3");
        assertThat(inventory.mediaWithoutAnnotation()).containsExactly(folder.resolve("embryo_dataset_F0").resolve("NOPHASES-1"));
        assertThat(inventory.warnings()).anySatisfy(w -> assertThat(w).contains("frames 33–36 are in both tPNf and t2"));
    }

    @Test
    void aBrokenSheetIsRejectedAndItsVideosStillListed() throws IOException {
        xlsx(folder.resolve(MiriSummarySheet.fileName(new MiriSlideId(MIRI_SLIDE))), new Object[][]{{"Well", "t2"}});
        Path video = touch(MIRI_SLIDE + "-P01-FP3.avi");

        ExportInventory inventory = ExportLayout.inventory(folder);

        assertThat(inventory.rejected()).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("row labels not found"));
        assertThat(inventory.mediaWithoutAnnotation()).containsExactly(video);
    }

    @Test
    void unknownOrMixedFoldersFailListingWhatIsThere() throws IOException {
        touch("notes.txt");
        Files.createDirectory(folder.resolve("videos"));
        assertThatThrownBy(() -> ExportLayout.detect(folder)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("no known export here", "found notes.txt, videos/");

        touch(ES_SLIDE + " EXPORT.xls");
        touch(MiriSummarySheet.fileName(new MiriSlideId(MIRI_SLIDE)));
        assertThatThrownBy(() -> ExportLayout.detect(folder)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("several kinds [MIRI, EMBRYOSCOPE]", "its own folder");
    }
}
