package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.format.ExportInventory;
import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.layout.ExportArchive;
import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoNotFoundException;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.video.VideoFrameReader;
import io.embryostream.schemas.GroundTruth;
import io.embryostream.schemas.LifecycleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Publishes a clinic export (MIRI, EmbryoScope, Gomez layout): for each embryo, {@code STARTED},
 * then its frames time point by time point (every plane of frame k before frame k+1), each through
 * the one canonical preprocessing path, then {@code ENDED}.
 *
 * <p>Resumable: the checkpoint holds, per embryo, the last time point Kafka acknowledged, advanced
 * only after a flush, and a mark once its {@code ENDED} was acknowledged; a rerun skips finished
 * embryos and continues the others after their last acknowledged time point (the frames before it
 * still go through the preprocessor, so the embryo tracking — and the pixels — equal an
 * uninterrupted run's). Bad input is reported in the {@link IngestReport} and the rest goes
 * through.
 *
 * <p>Embryos are processed in parallel on a bounded pool ({@link Options#threads()}): each embryo
 * on one worker from start to end, so its events keep their order; the sink and checkpoint are
 * shared (both thread-safe), and a worker advances its embryo's checkpoint entry only after its
 * own flush returned.
 */
public final class ExportIngest {

    private static final Logger LOG = LoggerFactory.getLogger(ExportIngest.class);
    private static final String ENDED_SUFFIX = " ended";

    /**
     * @param format               the export kind, or empty to detect it from the folder
     * @param frameIntervalMinutes see {@link #run}; required for EmbryoScope
     * @param flushEvery           time points between flushes (and checkpoint saves)
     * @param threads              embryos processed at once (decode, preprocess, encode, publish);
     *                             where the export has fewer embryos, the spare threads decode video
     */
    public record Options(Optional<ExportKind> format, OptionalDouble frameIntervalMinutes, int flushEvery, int threads) {
        public Options {
            if (flushEvery < 1) {
                throw new IllegalArgumentException("flushEvery must be at least 1, was " + flushEvery);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
        }

        /** Format detected, no frame interval, a flush every 50 time points, one worker per core. */
        public static Options detect() {
            return new Options(Optional.empty(), OptionalDouble.empty(), 50, Runtime.getRuntime().availableProcessors());
        }

        public Options withFrameIntervalMinutes(double minutes) {
            return new Options(format, OptionalDouble.of(minutes), flushEvery, threads);
        }

        public Options withThreads(int threads) {
            return new Options(format, frameIntervalMinutes, flushEvery, threads);
        }
    }

    private final FramePublisher publisher;
    private final IngestCheckpoint checkpoint;
    private final LongFunction<ProgressLine> progressFor;
    private final BooleanSupplier stopRequested;

    /**
     * @param progressFor   the progress line for a run of the given total frame count (0 = unknown)
     * @param stopRequested polled between time points (from every worker); when true the run
     *                      flushes, saves the checkpoint and returns an interrupted report
     */
    public ExportIngest(FramePublisher publisher, IngestCheckpoint checkpoint, LongFunction<ProgressLine> progressFor,
                        BooleanSupplier stopRequested) {
        this.publisher = publisher;
        this.checkpoint = checkpoint;
        this.progressFor = progressFor;
        this.stopRequested = stopRequested;
    }

    /** Publishes one export folder, or a folder of exports: {@link #run(List, Options)}. */
    public IngestReport run(Path root, Options options) throws IOException {
        return run(List.of(root), options);
    }

    /**
     * Publishes every export found in {@code roots} ({@link ExportArchive}) with
     * {@code options.threads()} workers, one embryo per worker at a time (an embryo's frames stay in
     * time-point order on one thread). An export that cannot be read is reported and the others go
     * through; an embryo found in two exports is published from the first only. The first failure of
     * any worker (e.g. Kafka refusing frames) stops the others at their next time point and is thrown
     * here.
     *
     * @throws IOException              when a folder holds no export it knows at any depth, or several
     *                                  kinds side by side, or a kind other than {@code options.format()}
     * @throws IllegalArgumentException when an export needs an option that was not given (EmbryoScope:
     *                                  the frame interval), before anything is published
     */
    public IngestReport run(List<Path> roots, Options options) throws IOException {
        ExportArchive archive = ExportArchive.find(roots);
        checkOptions(archive, options);
        return publish(plan(archive, options.frameIntervalMinutes()), options);
    }

    /** Refuses, before anything is read, what no export of the archive could be published with. */
    private static void checkOptions(ExportArchive archive, Options options) throws ExportFormatException {
        for (ExportArchive.Found export : archive.exports()) {
            if (options.format().isPresent() && options.format().get() != export.kind()) {
                throw new ExportFormatException(export.folder(), "--format " + options.format().get() + " was given but the folder"
                        + " holds a " + export.kind() + " export; drop --format or pass the right folder");
            }
            export.format().check(options.frameIntervalMinutes());
        }
    }

    /**
     * Reads every export's inventory into the embryos to publish, in the order the archive found the
     * exports and refused folders (the summary lists them so); an embryo already planned from an
     * earlier export is reported instead. An unreadable export is a failed line, unless it is the only
     * thing named: then it is thrown, as it was before archives.
     */
    private static List<ExportRun> plan(ExportArchive archive, OptionalDouble frameIntervalMinutes) throws IOException {
        boolean single = archive.exports().size() == 1 && archive.refused().isEmpty();
        SortedMap<Integer, ExportRun> runsInOrder = new TreeMap<>();
        archive.refused().forEach(r -> runsInOrder.put(r.order(), ExportRun.failed(r.label(), r.reason())));
        Set<String> identities = new HashSet<>();
        for (ExportArchive.Found export : archive.exports()) {
            ExportInventory inventory;
            try {
                inventory = export.format().inventory(export.folder());
            } catch (IOException e) {
                if (single) {
                    throw e;
                }
                runsInOrder.put(export.order(), ExportRun.failed(export.label(),
                        e instanceof ExportFormatException f ? f.detail() : String.valueOf(e.getMessage())));
                continue;
            }
            IngestReport part = new IngestReport();
            List<ExportUnit> units = new ArrayList<>();
            for (ExportUnit unit : ExportUnits.of(export.format(), inventory, frameIntervalMinutes, part)) {
                if (identities.add(unit.sourceIdentity())) {
                    units.add(unit);
                } else {
                    part.problem(new IngestProblem(unit.displayLabel(), "this embryo is also in an export read before this"
                            + " one; published once, from the first — keep one copy of each slide in the archive"));
                }
            }
            runsInOrder.put(export.order(), new ExportRun(export.label(), Optional.of(export), units, part, Optional.empty()));
        }
        return List.copyOf(runsInOrder.values());
    }

    /** Publishes the planned embryos of every export on the worker pool; the report lists the exports in order. */
    private IngestReport publish(List<ExportRun> runs, Options options) {
        IngestReport report = new IngestReport();
        List<ExportUnit> all = runs.stream().flatMap(r -> r.units().stream()).toList();
        ProgressLine progress = progressFor.apply(expectedFrames(all));
        int workers = Math.min(options.threads(), Math.max(1, all.size()));
        // Fewer embryos than threads: the spare cores go to FFmpeg's frame threads instead.
        int decoderThreads = Math.max(1, options.threads() / workers);
        LOG.info("{} export(s): {} embryos to publish, {} at a time ({} decoder thread(s) per video)", runs.size(),
                all.size(), workers, decoderThreads);
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier stopping = () -> stop.get() || stopRequested.getAsBoolean();
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                task -> new Thread(task, "ingest-worker-" + workerNumber.incrementAndGet()));
        try {
            List<List<Future<IngestReport>>> parts = new ArrayList<>();
            for (ExportRun run : runs) {
                Path root = run.export().map(ExportArchive.Found::folder).orElse(null);
                List<Future<IngestReport>> futures = new ArrayList<>();
                for (ExportUnit unit : run.units()) {
                    futures.add(pool.submit(() -> ingestOrStop(root, unit, options.flushEvery(), decoderThreads, progress,
                            stopping, stop)));
                }
                parts.add(futures);
            }
            for (int i = 0; i < runs.size(); i++) {
                ExportRun run = runs.get(i);
                if (run.export().isEmpty()) {
                    report.exportFailed(run.label(), run.failure().orElseThrow());
                    continue;
                }
                collect(parts.get(i), run.report(), stop);
                ExportArchive.Found export = run.export().get();
                report.addExport(run.label(), export.prefix(), ExportReader.of(export.kind()), run.report());
            }
        } finally {
            pool.shutdown();
            awaitTermination(pool);
        }
        progress.finish();
        return report;
    }

    /**
     * One line of the summary: an export's embryos to publish and what reading it reported, or (no
     * export) why the folder could not be read.
     */
    private record ExportRun(String label, Optional<ExportArchive.Found> export, List<ExportUnit> units, IngestReport report,
                             Optional<String> failure) {

        static ExportRun failed(String label, String reason) {
            return new ExportRun(label, Optional.empty(), List.of(), new IngestReport(), Optional.of(reason));
        }
    }

    /** Adds the workers' reports in export order; throws the first worker failure. */
    private static void collect(List<Future<IngestReport>> parts, IngestReport report, AtomicBoolean stop) {
        RuntimeException failure = null;
        for (Future<IngestReport> part : parts) {
            try {
                report.add(part.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException("ingest worker failed: " + e.getCause(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ingest workers; rerun to continue"
                        + " from the checkpoint", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for workers to save their checkpoints before the caller closes the sink. */
    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One worker's task: the embryo, unless the run is stopping; a failure stops the other workers. */
    private IngestReport ingestOrStop(Path root, ExportUnit unit, int flushEvery, int decoderThreads, ProgressLine progress,
                                      BooleanSupplier stopping, AtomicBoolean stop) {
        IngestReport part = new IngestReport();
        try {
            if (stopping.getAsBoolean() || !ingest(root, unit, flushEvery, decoderThreads, part, progress, stopping)) {
                stop.set(true);
                part.interrupted();
            }
            return part;
        } catch (RuntimeException | Error e) {
            stop.set(true);
            throw e;
        }
    }

    /** Frames declared by the videos' headers and counted in image folders; 0 where unknown. */
    private static long expectedFrames(List<ExportUnit> units) {
        long total = 0;
        for (ExportUnit unit : units) {
            for (ExportUnit.PlaneMedia media : unit.planes().values()) {
                total += declaredFrames(media);
            }
        }
        return total;
    }

    private static int declaredFrames(ExportUnit.PlaneMedia media) {
        if (java.nio.file.Files.isDirectory(media.location())) {
            try (var files = java.nio.file.Files.list(media.location())) {
                return (int) files.count();
            } catch (IOException e) {
                return 0;
            }
        }
        try (VideoFrameReader video = VideoFrameReader.open(media.location())) {
            return video.frameCount().orElse(0);
        } catch (IOException e) {
            return 0; // reported when the video is opened for publishing
        }
    }

    /** @return false when stopped on request */
    private boolean ingest(Path root, ExportUnit unit, int flushEvery, int decoderThreads, IngestReport report,
                           ProgressLine progress, BooleanSupplier stopping) {
        if (checkpoint.framesDone(unit.checkpointKey() + ENDED_SUFFIX) > 0) {
            report.embryoAlreadyDone();
            return true;
        }
        int done = checkpoint.framesDone(unit.checkpointKey());
        FramePublisher.Embryo embryo = publisher.embryo(unit.sourceIdentity(), unit.displayLabel(), unit.producer());
        List<PlaneReader> planes = new ArrayList<>();
        try {
            unit.planes().forEach((plane, media) -> open(root, unit, plane, media, decoderThreads, report)
                    .ifPresent(planes::add));
            agreeing(root, unit, planes, report);
            if (planes.isEmpty()) {
                return true;
            }
            GroundTruthLabels labels = labelsWithinRecording(root, unit, planes, report);
            publisher.lifecycle(embryo, LifecycleState.STARTED, null, unit.clock().nominalIntervalMinutes(), false);
            planes.forEach(p -> p.advance(report));
            int sinceFlush = 0;
            int last = done;
            for (OptionalInt next = nextTimePoint(planes); next.isPresent(); next = nextTimePoint(planes)) {
                int timePoint = next.getAsInt();
                boolean publish = timePoint > done;
                OptionalDouble hours = unit.clock().hoursAt(timePoint);
                if (hours.isEmpty() && publish) {
                    String detail = "embryo " + unit.displayLabel() + ": time point " + timePoint + " has no hours in the"
                            + " time file; its frames were skipped — add the frame to the time file";
                    report.problem(unit.clock().file().map(f -> IngestProblem.of(root, f, detail))
                            .orElse(new IngestProblem(unit.displayLabel(), detail)));
                }
                List<FramePublisher.CanonicalFrameEvent> frames = new ArrayList<>(planes.size());
                for (PlaneReader plane : planes) {
                    if (plane.at(timePoint)) {
                        plane.current(unit, labels, timePoint, hours, publish).ifPresent(frames::add);
                        plane.advance(report);
                    }
                }
                if (!frames.isEmpty()) {
                    publisher.timePoint(embryo, frames); // one record for the time point's planes
                    report.timePointPublished(frames.size());
                    progress.advance(frames.size());
                    last = timePoint;
                    if (++sinceFlush >= flushEvery) {
                        commit(unit, last);
                        sinceFlush = 0;
                    }
                }
                if (stopping.getAsBoolean()) {
                    commit(unit, last);
                    return false;
                }
            }
            planes.forEach(p -> p.reportSkipsAndDamage(unit, report));
            publisher.lifecycle(embryo, LifecycleState.ENDED, null, unit.clock().nominalIntervalMinutes(), false);
            commit(unit, last, true);
            report.embryoCompleted();
            return true;
        } finally {
            planes.forEach(PlaneReader::close);
        }
    }

    private void commit(ExportUnit unit, int lastTimePoint) {
        commit(unit, lastTimePoint, false);
    }

    /**
     * Flushes, then marks the unit's progress (and its end) and saves: marks only what was flushed, and in one save,
     * so an exactly-once run commits the ENDED event and the marker in the same transaction.
     */
    private void commit(ExportUnit unit, int lastTimePoint, boolean ended) {
        publisher.flush();
        checkpoint.markDone(unit.checkpointKey(), lastTimePoint);
        if (ended) {
            checkpoint.markDone(unit.checkpointKey() + ENDED_SUFFIX, 1);
        }
        checkpoint.save();
    }

    private static OptionalInt nextTimePoint(List<PlaneReader> planes) {
        return planes.stream().filter(PlaneReader::hasCurrent).mapToInt(PlaneReader::frame).min();
    }

    /** The well's planes cross-checked ({@link PlaneAgreement}): a refused plane is closed and left out. */
    private static void agreeing(Path root, ExportUnit unit, List<PlaneReader> planes, IngestReport report) {
        PlaneAgreement.Verdict verdict = PlaneAgreement.check(unit.displayLabel(), planes.stream()
                .map(p -> new PlaneAgreement.Plane(p.plane, SourceRefs.relative(root, p.location), p.stream.header()))
                .toList(), unit.frameSize(), unit.kind().displayName());
        verdict.problems().forEach(report::problem);
        planes.removeIf(p -> {
            if (verdict.refused().contains(p.plane)) {
                p.close();
                return true;
            }
            return false;
        });
    }

    /** The well's labels, or none where its annotation lies beyond the recording its planes declare. */
    private static GroundTruthLabels labelsWithinRecording(Path root, ExportUnit unit, List<PlaneReader> planes,
                                                           IngestReport report) {
        OptionalInt lastFrame = planes.stream().map(p -> p.stream.header().frames()).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max();
        if (lastFrame.isEmpty()) {
            return unit.labels();
        }
        Optional<String> beyond = unit.labels().beyondRecording(lastFrame.getAsInt(), unit.clock().hoursAt(lastFrame.getAsInt()));
        if (beyond.isEmpty()) {
            return unit.labels();
        }
        report.problem(IngestProblem.of(root, unit.annotationFile(), "well " + unit.displayLabel() + ": " + beyond.get()
                + "; its frames were published WITHOUT labels — correct the annotation and rerun with --restart"));
        return GroundTruthLabels.NONE;
    }

    private Optional<PlaneReader> open(Path root, ExportUnit unit, int plane, ExportUnit.PlaneMedia media,
                                       int decoderThreads, IngestReport report) {
        try {
            return Optional.of(new PlaneReader(root, plane, media.location(), media.opener().open(decoderThreads),
                    new CanonicalPreprocessor(unit.displayLabel() + " plane " + plane)));
        } catch (IOException e) {
            report.problem(IngestProblem.of(root, media.location(), e.getMessage()));
            return Optional.empty();
        }
    }

    /** One plane's stream, its preprocessor, and the frames it could not bring to canonical form. */
    private final class PlaneReader implements AutoCloseable {
        private final Path root;
        private final int plane;
        private final Path location;
        private final FrameStream stream;
        private final CanonicalPreprocessor preprocessor;
        private final Map<Integer, String> misses = new TreeMap<>();
        private boolean current;
        private boolean broken;

        PlaneReader(Path root, int plane, Path location, FrameStream stream, CanonicalPreprocessor preprocessor) {
            this.root = root;
            this.plane = plane;
            this.location = location;
            this.stream = stream;
            this.preprocessor = preprocessor;
        }

        /** Moves to the next readable frame; a damaged stream ends here with a problem. */
        void advance(IngestReport report) {
            while (true) {
                try {
                    current = stream.next();
                    return;
                } catch (SkippedFrameException e) {
                    report.problem(new IngestProblem(stream.sourceRef(), e.getMessage()));
                } catch (IOException e) {
                    report.problem(IngestProblem.of(root, location, e.getMessage() + " (the frames before were published)"));
                    current = false;
                    broken = true;
                    return;
                }
            }
        }

        boolean hasCurrent() {
            return current;
        }

        int frame() {
            return stream.frame();
        }

        boolean at(int timePoint) {
            return current && stream.frame() == timePoint;
        }

        /** The current frame, canonical, to publish; empty where it is not published or no embryo was found. */
        Optional<FramePublisher.CanonicalFrameEvent> current(ExportUnit unit, GroundTruthLabels labels, int timePoint,
                                                             OptionalDouble hours, boolean publish) {
            byte[] canonical;
            try {
                // also for frames an earlier run published: keeps the embryo tracking as in one run
                canonical = stream.canonical(preprocessor);
            } catch (EmbryoNotFoundException e) {
                misses.put(timePoint, stream.sourceRef());
                return Optional.empty();
            }
            if (!publish || hours.isEmpty()) {
                return Optional.empty();
            }
            Optional<GroundTruth> truth = labels.at(timePoint, hours.getAsDouble());
            return Optional.of(new FramePublisher.CanonicalFrameEvent(timePoint, plane, hours.getAsDouble(),
                    unit.clock().source(), null, canonical, stream.sourceRef(), truth.orElse(null)));
        }

        void reportSkipsAndDamage(ExportUnit unit, IngestReport report) {
            // a hole in an image sequence, or images ending before the time file does, matters where the clock
            // has hours for the frame: that time point was expected
            java.util.SortedSet<Integer> expectedMissing = new TreeSet<>(stream.missingFrames());
            int last = stream.header().frames().orElse(0);
            unit.clock().lastFrame().ifPresent(end -> java.util.stream.IntStream.rangeClosed(last + 1, end)
                    .forEach(expectedMissing::add));
            List<Integer> holes = expectedMissing.stream().filter(n -> unit.clock().hoursAt(n).isPresent()).toList();
            if (!holes.isEmpty()) {
                report.problem(IngestProblem.of(root, location, "plane " + plane + " has no image for " + holes.size()
                        + " frame(s) its hours are known for (" + holes.stream().limit(5).map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")) + (holes.size() > 5 ? ", …" : "")
                        + "); those time points went out without this plane, or not at all — copy the missing images"));
            }
            // a stream that broke off is reported already: its FFmpeg errors are that same damage
            stream.damage().filter(damage -> !broken).ifPresent(damage -> report.problem(IngestProblem.of(root, location, damage
                    + "; those frames were published as FFmpeg concealed the damage — compare the file with the"
                    + " clinic's original and re-export it")));
            if (!misses.isEmpty()) {
                Map.Entry<Integer, String> first = misses.entrySet().iterator().next();
                report.problem(new IngestProblem(first.getValue(), misses.size() + " frame(s) of plane " + plane
                        + " skipped, from time point " + first.getKey() + ": no embryo (zona circle) found — check the"
                        + " well is not empty and the video shows the embryo"));
            }
        }

        @Override
        public void close() {
            preprocessor.close();
            try {
                stream.close();
            } catch (IOException e) {
                LOG.warn("{}: closing failed: {}", SourceRefs.relative(root, location), e.getMessage());
            }
        }
    }
}
