package io.embryostream.synthetic.simulate;

import io.embryostream.frames.FramePlanes;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.LifecycleState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live synthetic incubators: every well's embryo photographed in the chosen focal planes every frame interval of
 * culture time, with culture time running {@code speed} times faster than the wall clock, published to a
 * {@link FrameSink} with an {@link EmbryoLifecycle} STARTED before an embryo's first frame and ENDED after its last.
 *
 * <p>A scheduler thread releases each (embryo, time point) at its wall-clock moment, the wells spread evenly over
 * the interval as an incubator's camera sweeps them; a pool renders them; one publisher thread sends them in the
 * order they were scheduled, so each embryo's frames arrive in time order. When rendering or the sink falls behind,
 * the bounded queue between them holds the scheduler back and {@link IncubatorStats#lagSeconds()} grows.
 *
 * <p>{@code hoursPostInsemination} comes from the renderer's culture clock; {@code acquisitionTime} is the
 * wall-clock moment the time point was due (start of end-to-end latency). {@code inseminationTime} is left empty:
 * in accelerated time no wall-clock instant converts to culture hours by the real-time rule.
 */
public final class SyntheticIncubator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticIncubator.class);
    private static final Future<ScheduledCapture> END = CompletableFuture.completedFuture(null);

    private final IncubatorConfig config;
    private final SyntheticCohort cohort;
    private final List<SimulatedEmbryo> embryos;
    private final WellCamera camera;
    private final ExecutorService renderers;
    private final BlockingQueue<Future<ScheduledCapture>> inOrder;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong timePoints = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger badFrames = new AtomicInteger();
    private volatile double cultureHours;
    private volatile double lagSeconds;
    private volatile Throwable failure;
    private volatile long startNanos;
    private Thread scheduler;
    private Thread publisher;

    public SyntheticIncubator(IncubatorConfig config) {
        this.config = config;
        this.cohort = config.cohort();
        List<SimulatedWell> wells = config.layout().wells();
        List<SimulatedEmbryo> list = new ArrayList<>(wells.size());
        for (SimulatedWell w : wells) {
            list.add(new SimulatedEmbryo(w, config.ids().embryoId(w.sourceIdentity(config.seed())),
                    cohort.timeline(w.index()), (double) w.index() / wells.size()));
        }
        this.embryos = List.copyOf(list);
        this.camera = new WellCamera(new EmbryoRenderer(RenderOptions.defaults()), config.planes());
        AtomicInteger n = new AtomicInteger();
        this.renderers = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "incubator-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.inOrder = new ArrayBlockingQueue<>(4 * config.threads());
    }

    public IncubatorConfig config() {
        return config;
    }

    /** The embryos, one per well, in sweep order. */
    public List<SimulatedEmbryo> embryos() {
        return embryos;
    }

    public OfferedLoad offeredLoad() {
        return config.offeredLoad();
    }

    /** Measures what this machine renders with the configured threads now, with this run's planes and embryos. */
    public RenderCapacity calibrate(Duration duration) {
        return RenderCapacity.measure(camera, cohort, config.schedule(), config.threads(), duration);
    }

    /** Starts the culture clock now and publishes to {@code sink} until every embryo has ended or {@link #stop()}. */
    public synchronized void start(FrameSink sink) {
        if (scheduler != null) {
            throw new IllegalStateException("this incubator was already started; make a new one for another run");
        }
        startNanos = System.nanoTime();
        Instant startWall = Instant.now();
        scheduler = new Thread(() -> schedule(startWall), "incubator-scheduler");
        publisher = new Thread(() -> publish(sink), "incubator-publisher");
        publisher.start();
        scheduler.start();
        LOG.info("synthetic incubator started: {}", offeredLoad().describe());
    }

    /** Stops scheduling, publishes what is already rendered and flushes the sink. Embryos not finished get no ENDED. */
    public void stop() {
        stopRequested.countDown();
        try {
            if (scheduler != null) {
                scheduler.join();
                publisher.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every embryo has ended, the run was stopped or it failed; false when {@code timeout} passed first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why the run stopped early: a render or publish failure. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public IncubatorStats stats() {
        long t0 = startNanos;
        return new IncubatorStats(embryos.size(), started.get(), ended.get(), timePoints.get(), frames.get(),
                badFrames.get(), cultureHours, config.schedule().hours(), lagSeconds,
                t0 == 0 ? 0 : (System.nanoTime() - t0) / 1e9, finished.getCount() == 0);
    }

    @Override
    public void close() {
        stop();
        renderers.shutdownNow();
    }

    private void schedule(Instant startWall) {
        int last = config.schedule().timePoints();
        double intervalNanos = config.schedule().intervalMinutes() * 60e9 / config.speed();
        try {
            sweeps:
            for (int k = 1; k <= last; k++) {
                for (SimulatedEmbryo e : embryos) {
                    if (k > lastTimePoint(e)) {
                        continue;
                    }
                    long dueOffset = (long) ((k - 1 + e.sweep()) * intervalNanos);
                    long wait = startNanos + dueOffset - System.nanoTime();
                    if (stopRequested.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                        break sweeps;
                    }
                    lagSeconds = Math.max(0, -wait) / 1e9;
                    int timePoint = k;
                    double hours = config.schedule().hoursAt(k, e.sweep());
                    Instant due = startWall.plusNanos(dueOffset);
                    inOrder.put(renderers.submit(() ->
                            new ScheduledCapture(e, timePoint, due, camera.capture(e, timePoint, hours, due))));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            endMark();
        }
    }

    /** The publisher runs until it takes the end mark, so it must get there even if this thread was interrupted. */
    private void endMark() {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                inOrder.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends captures in schedule order; after a failure it keeps taking them, unsent, until the scheduler's end mark. */
    private void publish(FrameSink sink) {
        try {
            for (Future<ScheduledCapture> next = inOrder.take(); next != END; next = inOrder.take()) {
                if (failure == null) {
                    try {
                        ScheduledCapture capture = next.get();
                        send(sink, capture, lastTimePoint(capture.embryo()));
                    } catch (ExecutionException e) {
                        fail(e.getCause());
                    } catch (RuntimeException e) {
                        fail(e);
                    }
                }
            }
            if (failure == null) {
                sink.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            finished.countDown();
        }
    }

    /** The embryo's last time point: the schedule's, or earlier where a replayed real sequence ended. */
    private int lastTimePoint(SimulatedEmbryo e) {
        return Math.max(1, config.schedule().lastTimePointBy(e.timeline().recordedUntil(), e.sweep()));
    }

    private void send(FrameSink sink, ScheduledCapture c, int lastTimePoint) {
        SimulatedEmbryo e = c.embryo();
        if (c.timePoint() == 1) {
            sink.lifecycle(lifecycle(e, LifecycleState.STARTED, c.due()));
            started.incrementAndGet();
        }
        Instant now = Instant.now();
        FrameEvent f = c.frame();
        f.setIngestTime(now);
        sink.frame(f);
        frames.addAndGet(FramePlanes.count(f));
        timePoints.incrementAndGet();
        cultureHours = Math.max(cultureHours, f.getHoursPostInsemination());
        if (c.timePoint() == lastTimePoint) {
            sink.lifecycle(lifecycle(e, LifecycleState.ENDED, now));
            if (ended.incrementAndGet() == embryos.size()) {
                LOG.info("synthetic incubator: all {} embryos ended", embryos.size());
            }
        }
        // one bad frame after each of the first sweeps, so they are spread over the start of the run
        boolean sweepDone = e.well().index() == embryos.size() - 1;
        if (sweepDone && badFrames.get() < config.badRecords()) {
            sink.frame(BadFrame.make(badFrames.getAndIncrement(), config.seed(), config.ids(), now));
        }
    }

    private EmbryoLifecycle lifecycle(SimulatedEmbryo e, LifecycleState state, Instant at) {
        return EmbryoLifecycle.newBuilder()
                .setEmbryoId(e.embryoId())
                .setDisplayLabel(e.well().displayLabel())
                .setState(state)
                .setEventTime(at)
                .setInseminationTime(null)
                .setNominalIntervalMinutes(offeredLoad().wallIntervalMinutes())
                .setLive(true)
                .setSource(EmbryoRenderer.RENDERER_VERSION)
                .build();
    }

    private void fail(Throwable t) {
        failure = t;
        LOG.error("synthetic incubator stopped: {}", t.toString());
        stopRequested.countDown();
    }

    /** One embryo's frames of one time point, with the wall-clock moment it was due. */
    private record ScheduledCapture(SimulatedEmbryo embryo, int timePoint, Instant due, FrameEvent frame) {
    }
}
