package io.embryostream.ingest.source;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.SyntheticSlide;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.gomez.FrameTimes;
import io.embryostream.ingest.gomez.GomezTimeElapsedFile;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A synthetic Gomez-layout dataset end to end: hours from the time file, labels from the phase file. */
class GomezExportIngestTest {

    static final String SECRET = "gomez-ingest-test-" + System.nanoTime();
    static final int FRAMES = 8;

    @TempDir
    static Path root;
    static SyntheticSlide slide;
    static IngestReport report;

    @BeforeAll
    static void ingest() throws Exception {
        slide = TestSlides.cleavingSlide(2, 0.1, 0.25);
        GomezExportWriter.write(root.resolve("dataset"), slide, new GomezExportWriter.Options(FRAMES, List.of(-15, 0), 15));
        report = IngestRuns.toKafka(root.resolve("dataset"), SECRET, root.resolve("c.checkpoint"), ExportIngest.Options.detect());
    }

    @Test
    void everyFrameCarriesTheTimeFilesHoursAndTheDrawnLabels() throws Exception {
        assertThat(report.problems()).isEmpty();
        assertThat(report.framesPublished()).isEqualTo(2 * 2 * FRAMES);
        String name = GomezExportWriter.embryoName(2);
        String embryo = new EmbryoIds(SECRET).embryoId("gomez:" + name);
        FrameTimes times = GomezTimeElapsedFile.read(root.resolve("dataset/embryo_dataset_time_elapsed/" + name + "_timeElapsed.csv"));
        List<FrameEvent> frames = BrokerRecords.framesPerPlane(Set.of(embryo));
        assertThat(frames).hasSize(2 * FRAMES);
        for (FrameEvent f : frames) {
            double hours = times.hoursAt(f.getTimePoint()).orElseThrow();
            assertThat(f.getHoursPostInsemination()).isEqualTo(hours);
            assertThat(f.getHpiSource()).isEqualTo(HpiSource.TIME_FILE);
            assertThat(f.getDisplayLabel()).isEqualTo(name);
            assertThat(f.getSourceRef()).isEqualTo("embryo_dataset_F" + f.getFocalPlane() + "/" + name + "/" + name
                    + "_RUN" + f.getTimePoint() + ".jpeg");
            FrameTruth truth = EmbryoRenderer.truth(slide.wells().get(1).timeline(), hours);
            assertThat(f.getGroundTruth().getGomez16()).as("frame %d", f.getTimePoint()).isEqualTo(truth.gomez16().orElse(null));
            // On the frame axis pronuclear-3 includes the tPNf onset frame itself (FORMATS.md: sequences ended
            // at the fading frame); at that frame's hours, a little after the onset, the hours axis no longer does.
            boolean fadingFrame = "tPNf".equals(truth.gomez16().orElse(null)) && !"tPNf".equals(EmbryoRenderer.truth(
                    slide.wells().get(1).timeline(), times.hoursAt(f.getTimePoint() - 1).orElse(0)).gomez16().orElse(null));
            assertThat(f.getGroundTruth().getPronuclear3()).as("frame %d", f.getTimePoint())
                    .isEqualTo(fadingFrame ? "PN" : truth.pronuclear3().orElse(null));
        }
        assertThat(frames).extracting(f -> f.getGroundTruth().getGomez16()).contains("tPB2", "tPNa", "tPNf", "t2");
    }
}
