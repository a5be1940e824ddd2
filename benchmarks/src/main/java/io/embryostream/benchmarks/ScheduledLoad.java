package io.embryostream.benchmarks;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.simulate.IncubatorLayout;
import io.embryostream.synthetic.simulate.SimulatedWell;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.LifecycleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A live incubator fleet's offered load from pre-rendered frames: every embryo of the layout sends
 * one time point per wall-clock {@code interval}, the wells spread evenly over the interval as
 * cameras sweep them, each with a STARTED lifecycle event before its first frame. The pixels cycle
 * through a pool rendered beforehand (rendering 400 time points/s live would take the CPU the
 * classifier needs on 2 cores); ids, time points, hours and ingest times are each embryo's own.
 */
final class ScheduledLoad {

    /** What was sent and how far the sender fell behind its schedule. */
    record Sent(long timePoints, double seconds, double maxLagMillis) {
    }

    private final List<String> ids;
    private final List<String> labels;
    private final RenderedCohort pool;
    private final Duration interval;
    private final CultureSchedule culture;

    /**
     * @param culture the culture schedule the hours follow (one frame per {@code culture.intervalMinutes()}),
     *                replayed so one culture interval takes {@code interval} of wall time
     */
    ScheduledLoad(IncubatorLayout layout, RenderedCohort pool, Duration interval, CultureSchedule culture) {
        EmbryoIds hashing = new EmbryoIds(IncubatorConfig.SYNTHETIC_SECRET);
        List<SimulatedWell> wells = layout.wells();
        this.ids = wells.stream().map(w -> hashing.embryoId(w.sourceIdentity(1))).toList();
        this.labels = wells.stream().map(SimulatedWell::displayLabel).toList();
        this.pool = pool;
        this.interval = interval;
        this.culture = culture;
    }

    double timePointsPerSecond() {
        return ids.size() / (interval.toNanos() / 1e9);
    }

    int embryos() {
        return ids.size();
    }

    /** Sends on schedule for {@code duration}, then flushes. */
    Sent run(FrameSink sink, Duration duration) {
        int n = ids.size();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double intervalNanos = interval.toNanos();
        long sent = 0;
        long maxLag = 0;
        for (long slot = 0; ; slot++) {
            int embryo = (int) (slot % n);
            int timePoint = (int) (slot / n) + 1;
            double sweep = (double) embryo / n;
            long due = start + (long) ((timePoint - 1 + sweep) * intervalNanos);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                maxLag = Math.max(maxLag, -wait);
            }
            Instant now = Instant.now();
            if (timePoint == 1) {
                sink.lifecycle(started(embryo, now));
            }
            FrameEvent template = pool.timePoints().get((int) (slot % pool.timePointCount()));
            double hours = culture.hoursAt(timePoint, sweep);
            sink.frame(FrameEvent.newBuilder(template)
                    .setEmbryoId(ids.get(embryo)).setDisplayLabel(labels.get(embryo))
                    .setFrameId(EmbryoIds.frameId(ids.get(embryo), timePoint, template.getFocalPlane()))
                    .setTimePoint(timePoint).setHoursPostInsemination(hours)
                    .setAcquisitionTime(now).setIngestTime(now).setGroundTruth(null)
                    .setSourceRef(labels.get(embryo) + " #" + timePoint).build());
            sent++;
        }
        sink.flush();
        return new Sent(sent, (System.nanoTime() - start) / 1e9, maxLag / 1e6);
    }

    private EmbryoLifecycle started(int embryo, Instant now) {
        return EmbryoLifecycle.newBuilder()
                .setEmbryoId(ids.get(embryo)).setDisplayLabel(labels.get(embryo)).setState(LifecycleState.STARTED)
                .setEventTime(now).setInseminationTime(null)
                .setNominalIntervalMinutes(interval.toNanos() / 60e9).setLive(true)
                .setSource(EmbryoRenderer.RENDERER_VERSION).build();
    }
}
