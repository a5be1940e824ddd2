package io.embryostream.synthetic.simulate;

import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.PlaneImage;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.FramePlanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.LifecycleState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticIncubatorTest {

    static final EmbryoIds IDS = new EmbryoIds("incubator-test-secret-0123456789");

    /** 1 incubator x 2 slides x 2 wells, planes -15 and 0, hourly frames for 6 h, so fast that nothing waits. */
    static IncubatorConfig tiny(long seed, int badRecords) {
        return new IncubatorConfig(new IncubatorLayout(1, 2, 2), new CultureSchedule(60, 6), 1e9, List.of(-15, 0), seed,
                TimelineSampler.Rates.literature(), null, 2, badRecords, IDS);
    }

    static RecordingSink run(IncubatorConfig config) throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        try (SyntheticIncubator incubator = new SyntheticIncubator(config)) {
            incubator.start(sink);
            assertThat(incubator.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(incubator.failure()).isEmpty();
        }
        return sink;
    }

    @Test
    void theSameSeedPublishesTheSameKeysFramesAndTruthAndAnotherSeedOthers() throws InterruptedException {
        List<FrameEvent> first = run(tiny(7, 0)).frames();
        List<FrameEvent> again = run(tiny(7, 0)).frames();
        List<FrameEvent> other = run(tiny(8, 0)).frames();

        assertThat(fingerprint(first)).hasSize(4 * 6 * 2).isEqualTo(fingerprint(again));
        assertThat(fingerprint(other)).hasSize(fingerprint(first).size()).doesNotContainAnyElementsOf(fingerprint(first));
    }

    /** Everything but wall-clock times, per plane. */
    private static List<String> fingerprint(List<FrameEvent> frames) {
        return frames.stream().flatMap(f -> FramePlanes.of(f).stream().map(p -> f.getEmbryoId() + "|" + f.getFrameId()
                + "|" + p.getFocalPlane() + "|" + f.getDisplayLabel() + "|" + f.getHoursPostInsemination() + "|"
                + f.getGroundTruth() + "|" + p.getImage().getData().hashCode())).toList();
    }

    @Test
    void everyEmbryoStartsBeforeItsFirstFrameAndEndsAfterItsLastInTimeOrder() throws InterruptedException {
        IncubatorConfig config = tiny(3, 0);
        RecordingSink sink = run(config);
        Map<String, List<Object>> byEmbryo = sink.events.stream().collect(Collectors.groupingBy(
                e -> e instanceof FrameEvent f ? f.getEmbryoId() : ((EmbryoLifecycle) e).getEmbryoId()));

        assertThat(byEmbryo).hasSize(4);
        byEmbryo.forEach((embryo, events) -> {
            assertThat(events.get(0)).isInstanceOfSatisfying(EmbryoLifecycle.class, l -> {
                assertThat(l.getState()).isEqualTo(LifecycleState.STARTED);
                assertThat(l.getLive()).isTrue();
                // 60 culture minutes at 1e9x
                assertThat(l.getNominalIntervalMinutes()).isCloseTo(60 / 1e9, within(1e-18));
                assertThat(l.getSource()).isEqualTo(EmbryoRenderer.RENDERER_VERSION);
            });
            assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(EmbryoLifecycle.class,
                    l -> assertThat(l.getState()).isEqualTo(LifecycleState.ENDED));
            List<FrameEvent> frames = events.subList(1, events.size() - 1).stream().map(FrameEvent.class::cast).toList();
            // one record per time point, its planes in plane order
            assertThat(frames).extracting(f -> f.getTimePoint() + "/" + FramePlanes.of(f).stream()
                    .map(p -> String.valueOf(p.getFocalPlane())).collect(Collectors.joining(","))).containsExactly(
                    "1/-15,0", "2/-15,0", "3/-15,0", "4/-15,0", "5/-15,0", "6/-15,0");
        });
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void aReplayedRealSequenceEndsWhereItsRecordingEnded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // annotated up to frame 10 of 15 minutes = 2.5 h: hourly frames at 0, 1 and 2 h, then ENDED
        java.nio.file.Files.writeString(dir.resolve("short_phases.csv"), "tPB2,0,3\ntPNa,4,10\n");
        IncubatorConfig config = new IncubatorConfig(new IncubatorLayout(1, 1, 1), new CultureSchedule(60, 6), 1e9,
                List.of(0), 2, TimelineSampler.Rates.literature(), dir, 1, 0, IDS);
        RecordingSink sink = run(config);

        assertThat(sink.frames()).extracting(FrameEvent::getTimePoint).containsExactly(1, 2, 3);
        assertThat(sink.events.get(sink.events.size() - 1)).isInstanceOfSatisfying(EmbryoLifecycle.class,
                l -> assertThat(l.getState()).isEqualTo(LifecycleState.ENDED));
    }

    @Test
    void framesAreCanonicalGray8WithTheRenderersTruthAndIdsFromTheClinicSecret() throws InterruptedException, CanonicalPngException {
        IncubatorConfig config = tiny(5, 0);
        RecordingSink sink = run(config);
        SyntheticCohort cohort = config.cohort();
        List<SimulatedWell> wells = config.layout().wells();

        for (FrameEvent f : sink.frames()) {
            SimulatedWell well = wells.stream().filter(w -> IDS.embryoId(w.sourceIdentity(5)).equals(f.getEmbryoId()))
                    .findFirst().orElseThrow();
            double sweep = well.index() / 4.0;
            assertThat(f.getHoursPostInsemination()).isEqualTo(config.schedule().hoursAt(f.getTimePoint(), sweep));
            FrameTruth truth = EmbryoRenderer.truth(cohort.timeline(well.index()), f.getHoursPostInsemination());
            assertThat(f.getGroundTruth().getGomez16()).isEqualTo(truth.gomez16().orElse(null));
            assertThat(f.getGroundTruth().getPronuclear3()).isEqualTo(truth.pronuclear3().orElse(null));
            assertThat(f.getGroundTruth().getCellCount()).isEqualTo(truth.cellCount());
            assertThat(f.getGroundTruth().getReversal()).isEqualTo(truth.reversal());
            assertThat(f.getDisplayLabel()).isEqualTo(well.displayLabel()).startsWith("SIM-I01-S0");
            assertThat(f.getFrameId()).isEqualTo(f.getEmbryoId() + ":" + f.getTimePoint() + ":" + f.getFocalPlane());
            assertThat(f.getHpiSource()).isEqualTo(HpiSource.RENDERER);
            assertThat(f.getProducer()).isEqualTo(EmbryoRenderer.RENDERER_VERSION);
            assertThat(f.getAcquisitionTime()).isNotNull().isBeforeOrEqualTo(f.getIngestTime());
            assertThat(FramePlanes.of(f)).extracting(PlaneImage::getFocalPlane).containsExactlyElementsOf(config.planes());
            for (PlaneImage p : FramePlanes.of(f)) {
                assertThat(p.getImage().getEncoding()).isEqualTo(ImageEncoding.GRAY8);
                assertThat(CanonicalImages.pixels(p.getImage())).hasSize(CanonicalFrame.SIZE * CanonicalFrame.SIZE);
                assertThat(p.getSourceRef()).endsWith("plane " + p.getFocalPlane());
            }
        }
    }

    @Test
    void badRecordsAreRefusedByTheDecoderOrCarryAnUnknownPlaneUnderIdsOfTheirOwn() throws InterruptedException {
        RecordingSink sink = run(tiny(9, 3));
        List<String> embryos = tiny(9, 3).layout().wells().stream().map(w -> IDS.embryoId(w.sourceIdentity(9))).toList();
        List<FrameEvent> bad = sink.frames().stream().filter(f -> !embryos.contains(f.getEmbryoId())).toList();

        assertThat(bad).hasSize(3);
        assertThatThrownBy(() -> CanonicalPng.decode(bytes(bad.get(0).getImage().getData())))
                .isInstanceOf(CanonicalPngException.class);
        assertThatThrownBy(() -> CanonicalPng.decode(bytes(bad.get(1).getImage().getData())))
                .isInstanceOf(CanonicalPngException.class).hasMessageContaining("expected 256x256, got 128x128");
        assertThat(bad.get(2).getFocalPlane()).isEqualTo(99);
        assertThat(sink.lifecycles()).extracting(EmbryoLifecycle::getEmbryoId).doesNotContainAnyElementsOf(
                bad.stream().map(FrameEvent::getEmbryoId).toList());
    }

    @Test
    void stopEndsARunMidCultureWithoutEndedEvents() throws InterruptedException {
        // 10-minute frames at 60x: a time point every 10 s wall, so the run is mid-culture when stopped
        IncubatorConfig config = new IncubatorConfig(new IncubatorLayout(1, 1, 2), new CultureSchedule(10, 140), 60,
                List.of(0), 1, TimelineSampler.Rates.literature(), null, 1, 0, IDS);
        RecordingSink sink = new RecordingSink();
        try (SyntheticIncubator incubator = new SyntheticIncubator(config)) {
            incubator.start(sink);
            Thread.sleep(300);
            incubator.stop();
            IncubatorStats stats = incubator.stats();
            assertThat(stats.finished()).isTrue();
            assertThat(stats.embryosStarted()).isEqualTo(1); // the second well is due 5 s in
            assertThat(stats.embryosEnded()).isZero();
            assertThat(stats.timePoints()).isEqualTo(1);
        }
        assertThat(sink.lifecycles()).extracting(EmbryoLifecycle::getState).containsExactly(LifecycleState.STARTED);
    }

    @Test
    void aSinkFailureStopsTheRunAndIsReported() throws InterruptedException {
        RecordingSink sink = new RecordingSink(5);
        try (SyntheticIncubator incubator = new SyntheticIncubator(tiny(1, 0))) {
            incubator.start(sink);
            assertThat(incubator.awaitFinished(Duration.ofSeconds(60))).isTrue();
            assertThat(incubator.failure()).hasValueSatisfying(t -> assertThat(t).hasMessageContaining("broker gone"));
        }
        assertThat(sink.frames()).hasSize(5);
        assertThat(sink.flushes).isZero();
    }

    @Test
    void theProgressLineShowsEmbryosRateAndCultureHours() {
        IncubatorProgressLine line = new IncubatorProgressLine();
        line.line(new IncubatorStats(16, 16, 0, 100, 100, 0, 10, 140, 0, 10, false));

        String text = line.line(new IncubatorStats(16, 16, 2, 400, 1200, 3, 29.84, 140, 2.5, 20, false));

        assertThat(text).isEqualTo("simulate: 16 embryos (16 started, 2 ended), 400 time points (30.0/s), 1200 frames"
                + " + 3 bad records, culture 29.8 of 140 h, 2.5 s behind schedule");
    }

    @Test
    void calibrationMeasuresAPositiveRateOnTheConfiguredThreads() {
        try (SyntheticIncubator incubator = new SyntheticIncubator(tiny(1, 0))) {
            RenderCapacity capacity = incubator.calibrate(Duration.ofMillis(600));
            assertThat(capacity.threads()).isEqualTo(2);
            assertThat(capacity.framesPerSecond()).isGreaterThan(1);
            assertThat(capacity.how()).contains("2-plane time points at 256x256");
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
