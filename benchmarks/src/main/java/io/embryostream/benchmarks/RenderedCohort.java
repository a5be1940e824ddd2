package io.embryostream.benchmarks;

import io.embryostream.frames.CanonicalImages;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.frames.CanonicalPngException;
import io.embryostream.frames.FramePlanes;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.IncubatorConfig;
import io.embryostream.synthetic.simulate.IncubatorLayout;
import io.embryostream.synthetic.simulate.SimulatedEmbryo;
import io.embryostream.synthetic.simulate.SyntheticIncubator;
import io.embryostream.synthetic.simulate.WellCamera;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.PlaneImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Synthetic canonical frames rendered before any timing starts, by the synthetic incubator's own
 * renderer and camera, built into events by the ingest's one publishing path (so published as the
 * ingest publishes them): {@code embryos} wells, {@code timePoints} time points each spread over 140 h of
 * culture, one frame per focal plane the model reads.
 *
 * @param timePoints in sweep order (every embryo's time point 1, then every embryo's 2, …), as an
 *                   incubator publishes them; each entry is that time point's record, its planes in plane order
 */
public record RenderedCohort(List<FrameEvent> timePoints, int embryos, double renderSeconds) {

    private static final double CULTURE_HOURS = 140;

    public static RenderedCohort render(List<Integer> planes, int embryos, int timePointsEach, int threads) {
        IncubatorConfig config = new IncubatorConfig(new IncubatorLayout(1, 1, embryos),
                new CultureSchedule(CULTURE_HOURS * 60 / timePointsEach, CULTURE_HOURS), 600, planes, 1,
                TimelineSampler.Rates.literature(), null, threads, 0, new EmbryoIds(IncubatorConfig.SYNTHETIC_SECRET));
        List<SimulatedEmbryo> wells;
        try (SyntheticIncubator incubator = new SyntheticIncubator(config)) {
            wells = incubator.embryos();
        }
        WellCamera camera = new WellCamera(new EmbryoRenderer(RenderOptions.defaults()), planes);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<FrameEvent>> futures = new ArrayList<>(embryos * timePointsEach);
            for (int k = 1; k <= timePointsEach; k++) {
                for (SimulatedEmbryo e : wells) {
                    int tp = k;
                    double hours = config.schedule().hoursAt(k, e.sweep());
                    futures.add(pool.submit(() -> camera.capture(e, tp, hours, Instant.now())));
                }
            }
            List<FrameEvent> out = new ArrayList<>(futures.size());
            for (Future<FrameEvent> f : futures) {
                out.add(f.get());
            }
            return new RenderedCohort(List.copyOf(out), embryos, (System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering benchmark frames", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering a benchmark frame failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public int timePointCount() {
        return timePoints.size();
    }

    public int frameCount() {
        return timePoints.stream().mapToInt(FramePlanes::count).sum();
    }

    /**
     * The records to publish: one per time point as the ingest publishes them, or with {@code perPlane}
     * one per plane as a device publishes them.
     */
    public List<FrameEvent> records(boolean perPlane) {
        if (!perPlane) {
            return timePoints;
        }
        List<FrameEvent> out = new ArrayList<>(frameCount());
        timePoints.forEach(tp -> out.addAll(FramePlanes.perPlane(tp)));
        return out;
    }

    /** The canonical pixels of each time point, in plane order: what the model alone is measured on. */
    public List<byte[][]> pixels() {
        List<byte[][]> out = new ArrayList<>(timePoints.size());
        for (FrameEvent tp : timePoints) {
            List<PlaneImage> images = FramePlanes.of(tp);
            byte[][] planes = new byte[images.size()][];
            for (int p = 0; p < planes.length; p++) {
                try {
                    planes[p] = CanonicalImages.pixels(images.get(p).getImage());
                } catch (CanonicalPngException e) {
                    throw new IllegalStateException("a rendered benchmark frame is not canonical: " + e.getMessage(), e);
                }
            }
            out.add(planes);
        }
        return out;
    }

    /** The same frames as canonical PNGs: what the old baseline (PNG decode included) decodes. */
    public List<byte[][]> pngs() {
        List<byte[][]> out = new ArrayList<>(timePoints.size());
        for (byte[][] planes : pixels()) {
            byte[][] png = new byte[planes.length][];
            for (int p = 0; p < planes.length; p++) {
                png[p] = CanonicalPng.encode(planes[p]);
            }
            out.add(png);
        }
        return out;
    }

    /** Mean bytes of a frame's image as published (the default producer path: GRAY8). */
    public double meanImageBytes() {
        return timePoints.stream().flatMap(f -> FramePlanes.of(f).stream())
                .mapToInt(p -> p.getImage().getData().remaining()).average().orElse(0);
    }

    /** The encoding the frames were published in. */
    public String imageEncoding() {
        return timePoints.get(0).getImage().getEncoding().toString();
    }
}
