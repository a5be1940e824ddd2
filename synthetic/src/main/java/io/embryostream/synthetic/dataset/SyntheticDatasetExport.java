package io.embryostream.synthetic.dataset;

import io.embryostream.ingest.dataset.DatasetException;
import io.embryostream.ingest.dataset.DatasetFrame;
import io.embryostream.ingest.dataset.DatasetManifest;
import io.embryostream.ingest.dataset.DatasetSource;
import io.embryostream.ingest.dataset.DatasetWriter;
import io.embryostream.ingest.dataset.EmbryoSplits;
import io.embryostream.ingest.dataset.FrameLabels;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.synthetic.simulate.CultureSchedule;
import io.embryostream.synthetic.simulate.SyntheticCohort;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameTruth;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RenderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A training set from the synthetic incubator: every embryo of the cohort at every time point of the schedule and
 * every plane, rendered directly at the canonical geometry, labelled with {@link EmbryoRenderer#truth}, written by a
 * {@link DatasetWriter}. Embryos are rendered in parallel, one task per embryo.
 */
public final class SyntheticDatasetExport {

    public static final String SOURCE = "synthetic-incubator";

    private final SyntheticCohort cohort;
    private final CultureSchedule schedule;
    private final List<Integer> planes;
    private final EmbryoIds ids;
    private final long seed;
    private final int threads;
    private final EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());

    /**
     * @param seed  the seed {@code cohort} was drawn with: recorded in the manifest and part of the embryo
     *              identities ({@code synthetic:<seed>/embryo/<i>}), which {@code ids} hashes
     */
    public SyntheticDatasetExport(SyntheticCohort cohort, CultureSchedule schedule, List<Integer> planes, EmbryoIds ids,
                                  long seed, int threads) {
        if (planes.isEmpty() || threads < 1) {
            throw new IllegalArgumentException("need at least one plane and one thread, got " + planes + " and " + threads);
        }
        this.cohort = cohort;
        this.schedule = schedule;
        this.planes = List.copyOf(planes);
        this.ids = ids;
        this.seed = seed;
        this.threads = threads;
    }

    /** Frames the export writes: each embryo's time points (a replayed one only as far as it was recorded) × planes. */
    public long frames() {
        long timePoints = 0;
        for (int i = 0; i < cohort.size(); i++) {
            timePoints += lastTimePoint(cohort.timeline(i));
        }
        return timePoints * planes.size();
    }

    private int lastTimePoint(EmbryoTimeline timeline) {
        return schedule.lastTimePointBy(timeline.recordedUntil(), 0);
    }

    /** Renders and writes the whole set into {@code root} (new or empty), advancing {@code progress} per time point. */
    public DatasetManifest writeTo(Path root, EmbryoSplits splits, ProgressLine progress) {
        DatasetWriter writer = DatasetWriter.create(root);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < cohort.size(); i++) {
                int index = i;
                done.submit(() -> {
                    writeEmbryo(writer, index, progress);
                    return null;
                });
            }
            for (int i = 0; i < cohort.size(); i++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("export interrupted; " + root + " is incomplete (no manifest.json): delete it", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException("rendering failed: " + e.getCause() + "; " + root + " is incomplete", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        return writer.finish(new DatasetSource(SOURCE, EmbryoRenderer.RENDERER_VERSION, seed, Map.of(
                "intervalMinutes", schedule.intervalMinutes(), "hours", schedule.hours(),
                "timelines", cohort.description())), splits);
    }

    /** The id embryo {@code index} is published and exported under. */
    public String embryoId(int index) {
        return ids.embryoId("synthetic:" + seed + "/embryo/" + index);
    }

    private void writeEmbryo(DatasetWriter writer, int index, ProgressLine progress) {
        EmbryoTimeline timeline = cohort.timeline(index);
        String embryo = embryoId(index);
        FrameGeometry canonical = FrameGeometry.canonical();
        for (int k = 1; k <= lastTimePoint(timeline); k++) {
            double hours = schedule.hoursAt(k, 0);
            FrameLabels labels = labels(EmbryoRenderer.truth(timeline, hours));
            for (int plane : planes) {
                writer.write(new DatasetFrame(embryo, k, hours, plane, renderer.render(timeline, hours, plane, canonical),
                        labels));
            }
            synchronized (progress) {
                progress.advance(planes.size());
            }
        }
    }

    /** The renderer's ground truth of a time point, as a training set records it. */
    private static FrameLabels labels(FrameTruth truth) {
        return new FrameLabels(truth.pronuclear3(), truth.gomez16(), OptionalInt.of(truth.cellCount()), truth.reversal());
    }
}
