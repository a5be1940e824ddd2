package io.embryostream.synthetic.simulate;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many canonical frames per second this machine renders and PNG-encodes with {@code threads} threads, and
 * how that was found.
 */
public record RenderCapacity(double framesPerSecond, int threads, String how) {

    public RenderCapacity {
        if (!(framesPerSecond > 0) || threads < 1) {
            throw new IllegalArgumentException("capacity must be positive with at least one thread, got "
                    + framesPerSecond + " frames/s on " + threads);
        }
    }

    /**
     * Measures the capacity by running the incubator's own work ({@link WellCamera#capture}) on {@code threads}
     * threads for {@code duration} after a warm-up of a third of it, over the cohort's first embryos across the
     * whole culture: so it counts what the machine has to spare now, other load included.
     */
    public static RenderCapacity measure(WellCamera camera, SyntheticCohort cohort, CultureSchedule schedule,
                                         int threads, Duration duration) {
        List<SimulatedEmbryo> sample = new ArrayList<>();
        for (int i = 0; i < Math.min(cohort.size(), 8); i++) {
            EmbryoTimeline t = cohort.timeline(i);
            sample.add(new SimulatedEmbryo(new SimulatedWell(1, 1, i + 1, i), "calibration-" + i, t, 0));
        }
        long warmUpNanos = duration.toNanos() / 3;
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong frames = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int first = w;
                workers.add(pool.submit(() -> {
                    // strided over time points so every thread sees every phase
                    for (int n = first; !done.get(); n += threads) {
                        SimulatedEmbryo e = sample.get(n % sample.size());
                        int timePoint = 1 + (int) ((n * 7919L) % schedule.timePoints());
                        camera.capture(e, timePoint, schedule.hoursAt(timePoint, 0), Instant.EPOCH);
                        if (counting.get()) {
                            frames.addAndGet(camera.planes().size());
                        }
                    }
                }));
            }
            sleepNanos(warmUpNanos);
            counting.set(true);
            long start = System.nanoTime();
            sleepNanos(duration.toNanos());
            long counted = frames.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            done.set(true);
            for (Future<?> f : workers) {
                f.get();
            }
            double rate = Math.max(counted, 1) / seconds;
            return new RenderCapacity(rate, threads, String.format(Locale.ROOT,
                    "measured over %.1f s of %d-plane time points at %dx%d", seconds, camera.planes().size(),
                    CanonicalFrame.SIZE, CanonicalFrame.SIZE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("render calibration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("render calibration failed: " + e.getCause(), e.getCause());
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
}
