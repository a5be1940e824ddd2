package io.embryostream.ingest.source;

import io.embryostream.frames.CanonicalImages;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoCircle;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.SyntheticSlide;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.ingest.video.VideoFrameReader;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A synthetic EmbryoScope export with a fake patient in the sheet and the folder name, end to end:
 * labels and hours, the burned-in text cut away, and nothing of the patient (nor any absolute
 * path) anywhere on the broker.
 */
class EmbryoScopeExportIngestTest {

    static final String SECRET = "embryoscope-ingest-test-" + System.nanoTime();
    static final PatientColumns PATIENT = new PatientColumns("QXFAKE Bernadette Vautrin", "QX-PID-4471902");
    static final String SLIDE = "D2026.01.15_S02549_I4120";
    static final int FRAMES = 4;
    static final double MINUTES = 15;

    @TempDir
    static Path parent;
    static Path export;
    static SyntheticSlide slide;
    static IngestReport report;
    static String well1;

    @BeforeAll
    static void ingest() throws Exception {
        slide = TestSlides.cleavingSlide(2, 0.2, 0.4);
        export = EmbryoScopeExportWriter.write(parent, SLIDE, slide,
                new EmbryoScopeExportWriter.Options(FRAMES, List.of(-15, 0), MINUTES), PATIENT).root();
        report = IngestRuns.toKafka(export, SECRET, parent.resolve("ingest.checkpoint"),
                ExportIngest.Options.detect().withFrameIntervalMinutes(MINUTES));
        well1 = new EmbryoIds(SECRET).embryoId("embryoscope:" + SLIDE + ":WELL01");
    }

    @Test
    void publishesBothWellsWithHoursFromTheGivenIntervalAndLabelsFromTheSheet() {
        assertThat(report.problems()).isEmpty();
        assertThat(report.framesPublished()).isEqualTo(2 * 2 * FRAMES);
        List<FrameEvent> frames = new ArrayList<>(BrokerRecords.framesPerPlane(Set.of(well1)));
        frames.removeIf(f -> f.getFocalPlane() != 0);
        frames.sort(Comparator.comparingInt(FrameEvent::getTimePoint));
        assertThat(frames).extracting(FrameEvent::getTimePoint).containsExactly(1, 2, 3, 4);
        // well 1: tPB2 0.3 h, tPNa 0.7 h, tPNf 1.1 h; frames at 0.25, 0.5, 0.75, 1.0 h
        assertThat(frames).extracting(f -> f.getGroundTruth().getGomez16()).containsExactly(null, "tPB2", "tPNa", "tPNa");
        assertThat(frames).extracting(f -> f.getGroundTruth().getPronuclear3()).containsExactly("pre-PB2", "PB2", "PN", "PN");
        assertThat(frames.get(3).getHoursPostInsemination()).isCloseTo(1.0, within(1e-12));
        assertThat(frames.get(3).getHpiSource()).isEqualTo(HpiSource.FRAME_INTERVAL);
        assertThat(frames.get(3).getDisplayLabel()).isEqualTo(SLIDE + " WELL01");
        assertThat(frames.get(3).getSourceRef()).isEqualTo(SLIDE + "_WELL01_F0.avi#frame=4");
    }

    @Test
    void theBurnedInTextLiesOutsideThePublishedCropWhichMatchesARenderWithoutText() throws Exception {
        EmbryoRenderer plain = new EmbryoRenderer(RenderOptions.defaults());
        var timeline = slide.wells().get(0).timeline();
        List<FrameEvent> published = new ArrayList<>(BrokerRecords.framesPerPlane(Set.of(well1)));
        published.removeIf(f -> f.getFocalPlane() != 0);
        published.sort(Comparator.comparingInt(FrameEvent::getTimePoint));
        try (VideoFrameReader video = VideoFrameReader.open(export.resolve(SLIDE + "_WELL01_F0.avi"));
             CanonicalPreprocessor withText = new CanonicalPreprocessor("with text");
             CanonicalPreprocessor withoutText = new CanonicalPreprocessor("without text")) {
            for (int k = 1; k <= FRAMES; k++) {
                byte[] burned = video.nextGray().orElseThrow();
                byte[] canonical = withText.process(burned, 500, 500);
                assertThat(canonical).as("frame %d as published", k)
                        .isEqualTo(CanonicalImages.pixels(published.get(k - 1).getImage()));
                EmbryoCircle circle = withText.currentCircle().orElseThrow();
                double half = CanonicalFrame.CROP_SIDE_PER_RADIUS * circle.radius() / 2;
                int textTop = 500 - 3 * 3 - 7 * 3;
                assertThat(circle.centerY() + half).as("crop bottom above the text rows").isLessThan(textTop);

                byte[] clean = plain.render(timeline, k * MINUTES / 60, 0, EmbryoScopeExportWriter.geometry(timeline.seed()));
                assertThat(differingPixels(burned, clean)).as("the text is in the video frame").isGreaterThan(100);
                assertThat(withoutText.process(clean, 500, 500)).as("frame %d cropped without text", k).isEqualTo(canonical);
            }
        }
    }

    @Test
    void noPatientNameOrIdAndNoAbsolutePathReachesAnyTopicIncludingInternalOnes() throws Exception {
        assertThat(export.toString()).contains(PATIENT.name());
        BrokerRecords.consumeAsGroup(Topics.FRAMES.name(), "privacy-downstream-" + System.nanoTime());
        Set<String> topics = BrokerRecords.topics();
        assertThat(topics).contains(Topics.FRAMES.name(), Topics.LIFECYCLE.name(), "__consumer_offsets");
        List<byte[]> needles = List.of(PATIENT.name().getBytes(StandardCharsets.UTF_8), PATIENT.id().getBytes(StandardCharsets.UTF_8),
                "QXFAKE".getBytes(StandardCharsets.UTF_8), export.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8),
                parent.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        long[] scanned = new long[1];
        List<String> found = new ArrayList<>();
        for (String topic : topics) {
            BrokerRecords.readAll(topic, r -> {
                scanned[0]++;
                List<byte[]> parts = new ArrayList<>();
                parts.add(r.key());
                parts.add(r.value());
                r.headers().forEach(h -> {
                    parts.add(h.key().getBytes(StandardCharsets.UTF_8));
                    parts.add(h.value());
                });
                for (byte[] part : parts) {
                    for (byte[] needle : needles) {
                        if (contains(part, needle)) {
                            found.add(topic + "@" + r.partition() + ":" + r.offset() + " holds " + new String(needle, StandardCharsets.UTF_8));
                        }
                    }
                }
            });
        }
        assertThat(scanned[0]).as("records scanned").isGreaterThanOrEqualTo(2 * 2 * FRAMES + 4);
        assertThat(found).isEmpty();
    }

    private static int differingPixels(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) > 40) {
                n++;
            }
        }
        return n;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null || needle.length == 0) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
