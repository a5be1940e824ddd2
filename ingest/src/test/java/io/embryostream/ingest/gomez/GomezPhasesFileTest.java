package io.embryostream.ingest.gomez;

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
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.embryostream.staging.StagingScheme.GOMEZ_16;
import static io.embryostream.staging.StagingScheme.PRONUCLEAR_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On real phase files of the Gomez et al. 2022 dataset (test resources, copied unchanged). */
class GomezPhasesFileTest {

    @TempDir
    Path dir;

    static Path fixture(String embryo) {
        try {
            return Path.of(GomezPhasesFileTest.class.getResource("/gomez/" + embryo + GomezPhasesFile.SUFFIX).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WellAnnotation readOne(String embryo) throws IOException {
        SheetReadResult read = GomezPhasesFile.read(fixture(embryo));
        assertThat(read.wells()).hasSize(1);
        assertThat(read.wells().get(0).wellId()).isEqualTo(embryo);
        assertThat(read.wells().get(0).unit()).isEqualTo(AnnotationUnit.FRAMES);
        return read.wells().get(0);
    }

    private static Optional<String> label(WellAnnotation well, StagingScheme scheme, int frame) {
        return well.onsets().label(scheme, frame);
    }

    @Test
    void overlappingIntervalsResolveToTheLaterPhase() throws IOException {
        // KF460-3: tPNf 25–36, t2 33–39; no tPB2 or tPNa annotated.
        WellAnnotation kf = readOne("KF460-3");
        assertThat(label(kf, GOMEZ_16, 24)).isEmpty();
        assertThat(label(kf, GOMEZ_16, 25)).contains("tPNf");
        assertThat(label(kf, GOMEZ_16, 34)).contains("t2");
        assertThat(label(kf, GOMEZ_16, 36)).contains("t2");
        assertThat(label(kf, GOMEZ_16, 300)).contains("tEB");
        assertThat(label(kf, PRONUCLEAR_3, 24)).contains("pre-PB2");
        assertThat(label(kf, PRONUCLEAR_3, 26)).isEmpty();
        assertThat(GomezPhasesFile.read(fixture("KF460-3")).warnings())
                .containsExactly("frames 33–36 are in both tPNf and t2; labelled by onset: t2");
    }

    @Test
    void frameZeroIsAnOnsetBeforeTheFirstFrame() throws IOException {
        // TN888-3: tPNa 0–26, tPNf 27–33, t2 34–69, t4 70–113 (t3 missing).
        WellAnnotation tn = readOne("TN888-3");
        assertThat(tn.onsets().onset(Phase.TPNA)).hasValue(0);
        assertThat(label(tn, GOMEZ_16, 1)).contains("tPNa");
        assertThat(label(tn, PRONUCLEAR_3, 1)).contains("PN");
        assertThat(label(tn, PRONUCLEAR_3, 27)).contains("PN");
        assertThat(label(tn, PRONUCLEAR_3, 28)).isEmpty();
        assertThat(label(tn, GOMEZ_16, 70)).contains("t4");
        assertThat(GomezPhasesFile.read(fixture("TN888-3")).warnings()).first().asString()
                .contains("starts at frame 0");
    }

    @Test
    void gapsContinueThePreviousPhase() throws IOException {
        // BG723-5: tPB2 12–25, tPNa 26–93, tPNf 94–102, t2 103–153, t3 155–156: frame 154 is in no interval.
        WellAnnotation bg = readOne("BG723-5");
        assertThat(label(bg, GOMEZ_16, 11)).isEmpty();
        assertThat(label(bg, GOMEZ_16, 154)).contains("t2");
        assertThat(label(bg, GOMEZ_16, 155)).contains("t3");
        assertThat(label(bg, PRONUCLEAR_3, 11)).contains("pre-PB2");
        assertThat(label(bg, PRONUCLEAR_3, 12)).contains("PB2");
        assertThat(label(bg, PRONUCLEAR_3, 93)).contains("PN");
        assertThat(label(bg, PRONUCLEAR_3, 94)).contains("PN");
        assertThat(label(bg, PRONUCLEAR_3, 95)).isEmpty();
        assertThat(GomezPhasesFile.read(fixture("BG723-5")).warnings())
                .containsExactly("frames 154–154 are in no phase; labelled by onset: t2");
    }

    @Test
    void missingPhasesAreSkippedAndACleanFileHasNoWarnings() throws IOException {
        // DA769-1 ends at t5 and has no t3: t2 106–140, t4 141–194, t5 195–198.
        WellAnnotation da = readOne("DA769-1");
        assertThat(label(da, GOMEZ_16, 140)).contains("t2");
        assertThat(label(da, GOMEZ_16, 141)).contains("t4");
        assertThat(label(da, GOMEZ_16, 400)).contains("t5");
        assertThat(GomezPhasesFile.read(fixture("AA83-7")).warnings()).isEmpty();
        assertThat(GomezPhasesFile.read(fixture("AA83-7")).wells().get(0).onsets().asMap()).hasSize(10);
    }

    @Test
    void writtenFileReadsBackToTheSameOnsets() throws IOException {
        for (String embryo : List.of("KF460-3", "TN888-3", "BG723-5", "DA769-1", "AA83-7")) {
            Onsets onsets = readOne(embryo).onsets();
            Path copy = dir.resolve(embryo + GomezPhasesFile.SUFFIX);
            GomezPhasesFile.write(copy, onsets, 420);
            assertThat(GomezPhasesFile.read(copy).wells().get(0).onsets().asMap()).isEqualTo(onsets.asMap());
        }
        // Independent path: the written lines themselves.
        Path file = dir.resolve("E1" + GomezPhasesFile.SUFFIX);
        GomezPhasesFile.write(file, Onsets.of(Map.of(Phase.TPB2, 5.0, Phase.TPNA, 20.0, Phase.T2, 20.0)), 100);
        assertThat(Files.readAllLines(file)).containsExactly("tPB2,5,19", "tPNa,20,20", "t2,20,100");
        assertThat(GomezPhasesFile.read(file).wells().get(0).onsets().label(GOMEZ_16, 20)).contains("t2");
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        Path file = dir.resolve("X1" + GomezPhasesFile.SUFFIX);
        for (var bad : List.of(
                List.of("tPB2,5,24\nt2,98\n", "line 2 has 2 fields"),
                List.of("tPB2,5,24\nt2,nine,171\n", "line 2: first_frame and last_frame must be whole"),
                List.of("tPB2,5,24\nt2,-3,171\n", "line 2: first_frame and last_frame must be whole"),
                List.of("tPB2,24,5\n", "line 1: last_frame 5 is before first_frame 24"),
                List.of("t2,98,171\nt2,172,180\n", "line 2: phase t2 is listed twice"),
                List.of("\r\n", "the file is empty"))) {
            Files.writeString(file, bad.get(0));
            assertThatThrownBy(() -> GomezPhasesFile.read(file)).isInstanceOf(ExportFormatException.class)
                    .hasMessageContainingAll("X1_phases.csv", bad.get(1));
        }
        Path misnamed = Files.writeString(dir.resolve("X1.csv"), "t2,98,171\n");
        assertThatThrownBy(() -> GomezPhasesFile.read(misnamed)).hasMessageContaining("<embryo>_phases.csv");
    }

    @Test
    void unknownPhaseNamesAreReportedNotLabelled() throws IOException {
        Path file = Files.writeString(dir.resolve("X2" + GomezPhasesFile.SUFFIX), "tPB2,5,24\ntDF,25,30\nt2,31,40\n");
        SheetReadResult read = GomezPhasesFile.read(file);
        assertThat(read.unknownColumns()).containsExactly("tDF");
        assertThat(read.wells().get(0).onsets().asMap()).containsOnlyKeys(Phase.TPB2, Phase.T2);
    }
}
