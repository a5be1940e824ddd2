package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.LifecycleState;
import io.embryostream.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An incubator thread writes a slide's frames slowly into a watched folder, one of them in two
 * halves with a pause between, while the ingest polls it into the embedded broker.
 */
class WatchedFolderIngestTest {

    static final String SECRET = "watched-folder-test-" + System.nanoTime();
    static final Instant INSEMINATION = Instant.parse("2026-01-15T09:30:00Z");

    @TempDir
    Path root;

    @Test
    void publishesFramesAsTheyAppearNeverReadsAPartialWriteAndEndsTheEmbryo() throws Exception {
        EmbryoTimeline timeline = TestSlides.cleavingSlide(1, 0.1, 0.2).wells().get(0).timeline();
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        Path well = root.resolve("SLIDE-7/WELL03");
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread incubator = new Thread(() -> {
            try {
                Files.createDirectories(well);
                Files.writeString(root.resolve("SLIDE-7/slide.properties"),
                        "insemination=" + INSEMINATION + "\ninterval.minutes=10\n");
                for (int frame = 1; frame <= 3; frame++) {
                    for (int plane : new int[] {-15, 0}) {
                        byte[] png = CanonicalPng.encode(renderer.render(timeline, frame / 6.0, plane,
                                EmbryoScopeExportWriter.geometry(timeline.seed())), 500, 500);
                        Path part = well.resolve(frame + "_F" + plane + ".png.part");
                        if (frame == 2 && plane == 0) {
                            // written in two halves, a few polls apart
                            Files.write(part, Arrays.copyOf(png, png.length / 2));
                            Thread.sleep(700);
                            try (OutputStream out = Files.newOutputStream(part, java.nio.file.StandardOpenOption.APPEND)) {
                                out.write(png, png.length / 2, png.length - png.length / 2);
                            }
                        } else {
                            Files.write(part, png);
                        }
                        Files.move(part, well.resolve(frame + "_F" + plane + ".png"), StandardCopyOption.ATOMIC_MOVE);
                        Thread.sleep(150);
                    }
                }
                Files.createFile(well.resolve(WatchedFolderIngest.ENDED_MARKER));
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "incubator");

        String embryo = new EmbryoIds(SECRET).embryoId("watch:SLIDE-7:WELL03");
        IngestReport report;
        try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", BrokerRecords.bootstrap()));
             WatchedFolderIngest watch = new WatchedFolderIngest(root,
                     new FramePublisher(sink, new EmbryoIds(SECRET), Clock.systemUTC()), Clock.systemUTC(), Duration.ofSeconds(5))) {
            incubator.start();
            long deadline = System.currentTimeMillis() + 60_000;
            report = watch.run(Duration.ofMillis(100),
                    () -> watch.report().embryosCompleted() == 1 || System.currentTimeMillis() > deadline,
                    new ProgressLine("watch", 0, new PrintStream(OutputStream.nullOutputStream()), false, System::currentTimeMillis, 60_000));
            incubator.join(10_000);
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(report.problems()).isEmpty();
        assertThat(report.framesPublished()).isEqualTo(6);

        List<FrameEvent> frames = BrokerRecords.values(Topics.FRAMES, Set.of(embryo));
        assertThat(frames).hasSize(6);
        FrameEvent halves = frames.stream().filter(f -> f.getTimePoint() == 2 && f.getFocalPlane() == 0).findFirst().orElseThrow();
        assertThat(halves.getHoursPostInsemination()).isCloseTo(20 / 60.0, within(1e-9));
        assertThat(halves.getHpiSource()).isEqualTo(HpiSource.SLIDE_METADATA);
        assertThat(halves.getAcquisitionTime()).isEqualTo(INSEMINATION.plus(Duration.ofMinutes(20)));
        assertThat(halves.getSourceRef()).isEqualTo("SLIDE-7/WELL03/2_F0.png");
        assertThat(halves.getDisplayLabel()).isEqualTo("SLIDE-7 WELL03");
        assertThat(halves.getGroundTruth()).isNull();

        List<EmbryoLifecycle> lifecycle = BrokerRecords.values(Topics.LIFECYCLE, Set.of(embryo));
        assertThat(lifecycle).extracting(EmbryoLifecycle::getState).containsExactly(LifecycleState.STARTED, LifecycleState.ENDED);
        assertThat(lifecycle).allSatisfy(l -> {
            assertThat(l.getLive()).isTrue();
            assertThat(l.getInseminationTime()).isEqualTo(INSEMINATION);
            assertThat(l.getNominalIntervalMinutes()).isEqualTo(10.0);
        });
    }

    @Test
    void aRestartedWatchPublishesNothingAgainAndGoesOnWithTheFramesWrittenMeanwhile() throws Exception {
        EmbryoTimeline timeline = TestSlides.cleavingSlide(1, 0.1, 0.2).wells().get(0).timeline();
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        Path well = Files.createDirectories(root.resolve("SLIDE-9/WELL01"));
        Files.writeString(root.resolve("SLIDE-9/slide.properties"), "insemination=" + INSEMINATION + "\ninterval.minutes=10\n");
        Path checkpointFile = root.resolveSibling(root.getFileName() + "-watch.checkpoint");
        java.util.function.IntConsumer write = frame -> {
            try {
                Files.write(well.resolve(frame + "_F0.png"), CanonicalPng.encode(renderer.render(timeline, frame / 6.0, 0,
                        EmbryoScopeExportWriter.geometry(timeline.seed())), 500, 500));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        write.accept(1);
        write.accept(2);
        CollectingSink sink = new CollectingSink();

        assertThat(pollOnce(sink, checkpointFile)).as("first run").isEqualTo(2);
        write.accept(3);
        assertThat(pollOnce(sink, checkpointFile)).as("after a restart: frame 3 only").isEqualTo(1);
        Files.createFile(well.resolve(WatchedFolderIngest.ENDED_MARKER));
        assertThat(pollOnce(sink, checkpointFile)).as("after another: nothing new, the embryo ends").isZero();
        assertThat(pollOnce(sink, checkpointFile)).as("an ended well stays ended").isZero();

        assertThat(sink.frames(new EmbryoIds(SECRET).embryoId("watch:SLIDE-9:WELL01")))
                .extracting(FrameEvent::getTimePoint).containsExactly(1, 2, 3);
        assertThat(sink.lifecycleStates()).containsExactly(LifecycleState.STARTED, LifecycleState.ENDED);
    }

    @Test
    void slideMetadataStillBeingWrittenIsReadAgainAndMetadataThatStaysBadIsReportedOnceSettled() throws Exception {
        EmbryoTimeline timeline = TestSlides.cleavingSlide(1, 0.1, 0.2).wells().get(0).timeline();
        byte[] png = CanonicalPng.encode(new EmbryoRenderer(RenderOptions.defaults()).render(timeline, 1 / 6.0, 0,
                EmbryoScopeExportWriter.geometry(timeline.seed())), 500, 500);
        Files.write(Files.createDirectories(root.resolve("SLIDE-5/WELL01")).resolve("1_F0.png"), png);
        Path writing = root.resolve("SLIDE-5/slide.properties");
        Files.writeString(writing, "interval.minutes=10\n"); // the incubator has not written the insemination yet
        Files.write(Files.createDirectories(root.resolve("SLIDE-6/WELL01")).resolve("1_F0.png"), png);
        Path bad = root.resolve("SLIDE-6/slide.properties");
        Files.writeString(bad, "interval.minutes=10\n");
        Files.setLastModifiedTime(bad, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(root.resolve("SLIDE-5/WELL01/1_F0.png"),
                java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
        CollectingSink sink = new CollectingSink();
        try (WatchedFolderIngest watch = new WatchedFolderIngest(root, new FramePublisher(sink, new EmbryoIds(SECRET),
                Clock.systemUTC()), Clock.systemUTC(), Duration.ofSeconds(5))) {
            assertThat(watch.poll()).as("neither slide's metadata is readable yet").isZero();
            Files.writeString(writing, "insemination=" + INSEMINATION + "\ninterval.minutes=10\n");
            assertThat(watch.poll()).as("SLIDE-5 once its metadata is complete").isEqualTo(1);
            watch.poll();
            assertThat(watch.report().problems()).singleElement().asString().contains("SLIDE-6/slide.properties",
                    "no 'insemination' entry");
        }
        assertThat(sink.frames(new EmbryoIds(SECRET).embryoId("watch:SLIDE-5:WELL01"))).hasSize(1);
    }

    /** One run of the watch as a restarted process: a new instance on the same checkpoint file. */
    private int pollOnce(CollectingSink sink, Path checkpointFile) {
        try (WatchedFolderIngest watch = new WatchedFolderIngest(root, new FramePublisher(sink, new EmbryoIds(SECRET),
                Clock.systemUTC()), Clock.systemUTC(), Duration.ofSeconds(5),
                io.embryostream.ingest.publish.IngestCheckpoint.open(checkpointFile))) {
            return watch.poll();
        }
    }
}
