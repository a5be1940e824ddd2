package io.embryostream.ingest.source;

import io.embryostream.schemas.ImageEncoding;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.FramePlanes;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A synthetic MIRI export end to end into the embedded broker: frames, hours, labels, resume, idempotence. */
class MiriExportIngestTest {

    static final String SECRET = "miri-ingest-test-secret-" + System.nanoTime();
    static final MiriSlideId SLIDE = new MiriSlideId("MTL-0130-0EFD-D6E0-[37]");
    static final int FRAMES = 6;

    @TempDir
    static Path work;
    static Path export;
    static IngestReport first;
    static String well1;
    static String well2;

    @BeforeAll
    static void ingestOnce() throws Exception {
        export = work.resolve("export");
        MiriExportWriter.write(export, SLIDE, TestSlides.pronuclearSlide(), new MiriExportWriter.Options(FRAMES, List.of(3, 4), false));
        first = IngestRuns.toKafka(export, SECRET, work.resolve("first.checkpoint"), ExportIngest.Options.detect());
        EmbryoIds ids = new EmbryoIds(SECRET);
        well1 = ids.embryoId("miri:" + SLIDE + ":P01");
        well2 = ids.embryoId("miri:" + SLIDE + ":P02");
    }

    @Test
    void publishesEveryFrameOfEveryWellAndPlaneWithHoursFromTheFiveMinuteInterval() throws Exception {
        assertThat(first.problems()).isEmpty();
        assertThat(first.framesPublished()).isEqualTo(2 * 2 * FRAMES);
        List<FrameEvent> records = BrokerRecords.values(Topics.FRAMES, Set.of(well1));
        assertThat(records).as("one record per time point, both planes in it").allSatisfy(r ->
                assertThat(FramePlanes.of(r)).extracting(PlaneImage::getFocalPlane).containsExactly(-15, 0));
        List<FrameEvent> frames = BrokerRecords.framesPerPlane(Set.of(well1));
        assertThat(frames).hasSizeGreaterThanOrEqualTo(2 * FRAMES);
        FrameEvent f = frames.stream().filter(e -> e.getTimePoint() == 3 && e.getFocalPlane() == -15).findFirst().orElseThrow();
        assertThat(f.getEmbryoId()).isEqualTo(well1);
        assertThat(f.getFrameId()).isEqualTo(EmbryoIds.frameId(well1, 3, -15));
        assertThat(f.getDisplayLabel()).isEqualTo("MTL-0130-0EFD-D6E0-[37] P01");
        assertThat(f.getHoursPostInsemination()).isCloseTo(3 * 5 / 60.0, within(1e-12));
        assertThat(f.getHpiSource()).isEqualTo(HpiSource.FRAME_INTERVAL);
        assertThat(f.getSourceRef()).isEqualTo("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi#frame=3");
        assertThat(f.getProducer()).isEqualTo("embryo-stream-ingest miri-reader/1");
        assertThat(f.getImage().getWidth()).isEqualTo(256);
        assertThat(f.getImage().getEncoding()).isEqualTo(ImageEncoding.GRAY8);
        assertThat(CanonicalImages.pixels(f.getImage())).hasSize(256 * 256);
    }

    @Test
    void labelsFollowTheSummaryOnTheFrameAxis() {
        // well 1: 2PB 0.15 h → frame 2, 2PN 0.285 h → frame 4, PN Fading 0.42 h → frame 6
        Map<Integer, FrameEvent> byTimePoint = BrokerRecords.framesPerPlane(Set.of(well1)).stream()
                .filter(e -> e.getFocalPlane() == 0).collect(Collectors.toMap(FrameEvent::getTimePoint, e -> e, (a, b) -> a));
        assertThat(byTimePoint).containsOnlyKeys(1, 2, 3, 4, 5, 6);
        String[] pronuclear = {"pre-PB2", "PB2", "PB2", "PN", "PN", "PN"};
        String[] gomez = {null, "tPB2", "tPB2", "tPNa", "tPNa", "tPNf"};
        for (int k = 1; k <= 6; k++) {
            assertThat(byTimePoint.get(k).getGroundTruth().getPronuclear3()).as("frame %d", k).isEqualTo(pronuclear[k - 1]);
            assertThat(byTimePoint.get(k).getGroundTruth().getGomez16()).as("frame %d", k).isEqualTo(gomez[k - 1]);
        }
    }

    @Test
    void eachEmbryoStartsBeforeItsFirstFrameAndEndsAfterItsLast() {
        List<EmbryoLifecycle> lifecycle = BrokerRecords.values(Topics.LIFECYCLE, Set.of(well2));
        assertThat(lifecycle).extracting(EmbryoLifecycle::getState).startsWith(LifecycleState.STARTED).endsWith(LifecycleState.ENDED);
        assertThat(lifecycle.get(0).getLive()).isFalse();
        assertThat(lifecycle.get(0).getNominalIntervalMinutes()).isEqualTo(5.0);
        assertThat(lifecycle.get(0).getDisplayLabel()).isEqualTo("MTL-0130-0EFD-D6E0-[37] P02");
    }

    @Test
    void aRerunAfterCompletionPublishesNothing() throws Exception {
        IngestReport again = IngestRuns.toKafka(export, SECRET, work.resolve("first.checkpoint"), ExportIngest.Options.detect());
        assertThat(again.framesPublished()).isZero();
        assertThat(again.embryosAlreadyDone()).isEqualTo(2);
    }

    @Test
    void anInterruptedRunResumesAndEveryFrameIdAlwaysCarriesTheSameImage() throws Exception {
        String secret = SECRET + "-resume";
        Path checkpoint = work.resolve("resume.checkpoint");
        AtomicInteger sent = new AtomicInteger();
        IngestReport interrupted;
        try (KafkaFrameSink kafka = new KafkaFrameSink(Map.of("bootstrap.servers", BrokerRecords.bootstrap()))) {
            CountingSink counting = new CountingSink(kafka, sent);
            interrupted = IngestRuns.run(counting, export, secret, checkpoint,
                    new ExportIngest.Options(java.util.Optional.empty(), java.util.OptionalDouble.empty(), 2, 2), () -> sent.get() >= 9);
        }
        assertThat(interrupted.wasInterrupted()).isTrue();
        IngestReport resumed = IngestRuns.toKafka(export, secret, checkpoint, ExportIngest.Options.detect());
        assertThat(resumed.wasInterrupted()).isFalse();
        assertThat(resumed.framesPublished()).isLessThan(2 * 2 * FRAMES);
        assertThat(interrupted.framesPublished() + resumed.framesPublished()).isEqualTo(2 * 2 * FRAMES);
        // a complete second publication under the same secret, from scratch
        IngestRuns.toKafka(export, secret, work.resolve("again.checkpoint"), ExportIngest.Options.detect());

        EmbryoIds ids = new EmbryoIds(secret);
        Set<String> keys = Set.of(ids.embryoId("miri:" + SLIDE + ":P01"), ids.embryoId("miri:" + SLIDE + ":P02"));
        Map<String, List<FrameEvent>> byFrameId = BrokerRecords.framesPerPlane(keys).stream()
                .collect(Collectors.groupingBy(FrameEvent::getFrameId));
        assertThat(byFrameId).hasSize(2 * 2 * FRAMES);
        Map<String, Integer> copies = new HashMap<>();
        byFrameId.forEach((id, events) -> {
            copies.put(id, events.size());
            FrameEvent a = events.get(0);
            for (FrameEvent b : events) {
                assertThat(bytes(b.getImage().getData())).as(id).isEqualTo(bytes(a.getImage().getData()));
                assertThat(b.getGroundTruth()).isEqualTo(a.getGroundTruth());
                assertThat(b.getSourceRef()).isEqualTo(a.getSourceRef());
                assertThat(b.getHoursPostInsemination()).isEqualTo(a.getHoursPostInsemination());
            }
        });
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(2, 3));
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Passes everything on and counts the frames, so the test can stop a run part-way. */
    record CountingSink(io.embryostream.ingest.publish.FrameSink delegate, AtomicInteger frames)
            implements io.embryostream.ingest.publish.FrameSink {
        @Override
        public void frame(FrameEvent frame) {
            delegate.frame(frame);
            frames.incrementAndGet();
        }

        @Override
        public void lifecycle(EmbryoLifecycle event) {
            delegate.lifecycle(event);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            // the delegate is closed by its owner
        }
    }
}
