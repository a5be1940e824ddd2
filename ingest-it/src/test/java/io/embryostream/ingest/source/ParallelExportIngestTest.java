package io.embryostream.ingest.source;

import io.embryostream.frames.FramePlanes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.PublishException;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export ingest on several workers: the same events as one worker, each embryo's in time-point order between
 * its STARTED and ENDED, pixels identical with FFmpeg's frame threads, and a failing sink stops the run.
 */
class ParallelExportIngestTest {

    static final String SECRET = "parallel-ingest-test-secret-0123";
    static final int FRAMES = 5;

    @TempDir
    static Path work;
    static Path export;

    @BeforeAll
    static void writeExport() throws Exception {
        export = work.resolve("export");
        MiriExportWriter.write(export, new MiriSlideId("MTL-0130-0EFD-D6E0-[37]"), TestSlides.cleavingSlide(3, 0.05, 0.1),
                new MiriExportWriter.Options(FRAMES, List.of(3, 4), false));
    }

    /** threads 3: three embryos at once, one decoder thread each; threads 8: three at once, two decoder threads each. */
    @Test
    void severalWorkersPublishWhatOneDoesWithEachEmbryoInOrder() throws Exception {
        RecordingSink serial = run(1);
        for (int threads : List.of(3, 8)) {
            RecordingSink parallel = run(threads);
            assertThat(parallel.byEmbryo.keySet()).as("%d threads", threads).isEqualTo(serial.byEmbryo.keySet()).hasSize(3);
            serial.byEmbryo.forEach((embryo, events) ->
                    assertThat(parallel.byEmbryo.get(embryo)).as("%d threads, embryo %s", threads, embryo).isEqualTo(events));
        }
        serial.byEmbryo.values().forEach(events -> {
            assertThat(events.get(0)).isEqualTo("STARTED");
            assertThat(events.get(events.size() - 1)).isEqualTo("ENDED");
            List<String> frames = events.subList(1, events.size() - 1);
            assertThat(frames).hasSize(2 * FRAMES);
            List<String> ordered = new ArrayList<>(frames);
            ordered.sort(Comparator.comparingInt(ParallelExportIngestTest::timePoint)
                    .thenComparingInt(ParallelExportIngestTest::plane));
            assertThat(frames).isEqualTo(ordered);
        });
    }

    @Test
    void aSinkFailureOnOneWorkerStopsTheRunAndAdvancesNoCheckpoint() throws Exception {
        Path checkpoint = work.resolve("failing.checkpoint");
        FrameSink refusing = new RecordingSink() {
            @Override
            public void flush() {
                throw new PublishException("broker refused the frames", null);
            }
        };

        assertThatThrownBy(() -> IngestRuns.run(refusing, export, SECRET, checkpoint,
                ExportIngest.Options.detect().withThreads(3), () -> false))
                .isInstanceOf(PublishException.class).hasMessageContaining("broker refused");
        assertThat(checkpoint).doesNotExist();
    }

    private static RecordingSink run(int threads) throws Exception {
        RecordingSink sink = new RecordingSink();
        IngestReport report = IngestRuns.run(sink, export, SECRET, work.resolve("run-" + threads + "-" + System.nanoTime()),
                ExportIngest.Options.detect().withThreads(threads), () -> false);
        assertThat(report.problems()).isEmpty();
        assertThat(report.framesPublished()).isEqualTo(3 * 2 * FRAMES);
        return sink;
    }

    private static int timePoint(String event) {
        return Integer.parseInt(event.split(" ")[0]);
    }

    private static int plane(String event) {
        return Integer.parseInt(event.split(" ")[1]);
    }

    /** Each embryo's events in arrival order: lifecycle states, and frames as "time point, plane, image sha256, labels". */
    static class RecordingSink implements FrameSink {
        final Map<String, List<String>> byEmbryo = new ConcurrentHashMap<>();

        private void record(String embryo, String event) {
            byEmbryo.computeIfAbsent(embryo, e -> Collections.synchronizedList(new ArrayList<>())).add(event);
        }

        @Override
        public void frame(FrameEvent record) {
            for (FrameEvent f : FramePlanes.perPlane(record)) {
                record(f.getEmbryoId(), f.getTimePoint() + " " + f.getFocalPlane() + " " + sha256(f.getImage().getData())
                        + " " + f.getGroundTruth());
            }
        }

        private static String sha256(ByteBuffer image) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(image.duplicate());
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void lifecycle(EmbryoLifecycle event) {
            record(event.getEmbryoId(), event.getState().name());
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
