package io.embryostream.synthetic.embryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealTimelinesTest {

    static Path fixtures() throws URISyntaxException {
        return Path.of(RealTimelinesTest.class.getResource("/synthetic/AA83-7_phases.csv").toURI()).getParent();
    }

    @Test
    void onsetsAreFirstFramesInHours() throws Exception {
        Onsets onsets = RealTimelines.onsets(fixtures().resolve("AA83-7_phases.csv"));
        assertThat(onsets.onset(Phase.TPB2).getAsDouble()).isEqualTo(5 * 0.25);
        assertThat(onsets.onset(Phase.T2).getAsDouble()).isEqualTo(98 * 0.25);
        assertThat(onsets.onset(Phase.T8).getAsDouble()).isEqualTo(277 * 0.25);
        assertThat(onsets.onset(Phase.T9_PLUS)).isEmpty();
    }

    @Test
    void overlappingIntervalsResolveToTheLaterPhase() throws Exception {
        // KF460-3: tPNf 25–36 overlaps t2 33–39; frame 34 is t2
        Onsets onsets = RealTimelines.onsets(fixtures().resolve("KF460-3_phases.csv"));
        assertThat(onsets.label(StagingScheme.GOMEZ_16, 34 * 0.25)).contains("t2");
        assertThat(onsets.label(StagingScheme.GOMEZ_16, 32 * 0.25)).contains("tPNf");
    }

    @Test
    void frameZeroAndGapsAreKept() throws Exception {
        assertThat(RealTimelines.onsets(fixtures().resolve("TN888-3_phases.csv")).onset(Phase.TPNA).getAsDouble()).isZero();
        // BG723-5: t3 ends at 156, t4 starts at 157; t6 ends 221 and t7 is missing: t6 continues to t8's onset
        Onsets gap = RealTimelines.onsets(fixtures().resolve("BG723-5_phases.csv"));
        assertThat(gap.label(StagingScheme.GOMEZ_16, 221.5 * 0.25)).contains("t6");
        assertThat(gap.label(StagingScheme.GOMEZ_16, 222 * 0.25)).contains("t8");
    }

    @Test
    void replayFollowsTheAnnotations() throws Exception {
        EmbryoTimeline t = RealTimelines.replay(fixtures().resolve("BG723-5_phases.csv"), 7);
        assertThat(t.cellCount(220 * 0.25)).isEqualTo(6);
        assertThat(t.cellCount(230 * 0.25)).isEqualTo(8);
        // the last annotated phase (tM) never ends, but the real sequence did: at its last annotated frame
        assertThat(t.stageAt(500)).isEqualTo(Phase.TM);
        assertThat(t.recordedUntil()).isEqualTo(376 * 0.25);
    }

    @Test
    void malformedRowsNameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("X1-1_phases.csv");
        Files.writeString(bad, "tPB2,5,24\nt2,ninety,100\n");
        assertThatThrownBy(() -> RealTimelines.onsets(bad)).isInstanceOf(PhasesFileException.class)
                .hasMessageContaining("X1-1_phases.csv line 2").hasMessageContaining("ninety");
        Files.writeString(bad, "phase;first;last\n");
        assertThatThrownBy(() -> RealTimelines.onsets(bad)).isInstanceOf(PhasesFileException.class)
                .hasMessageContaining("line 1: expected 3 columns");
    }

    @Test
    void unknownPhaseNamesAreSkipped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("X2-1_phases.csv");
        Files.writeString(file, "tPB2,5,24\ntFoo,20,30\nt2,98,120\n");
        assertThat(RealTimelines.onsetFrames(file)).containsOnlyKeys(Phase.TPB2, Phase.T2);
    }

    @Test
    void anEmptyFolderSaysWhatToPointAt(@TempDir Path dir) {
        assertThatThrownBy(() -> RealTimelines.phaseFiles(dir)).isInstanceOf(PhasesFileException.class)
                .hasMessageContaining("embryo_dataset_annotations");
    }
}
