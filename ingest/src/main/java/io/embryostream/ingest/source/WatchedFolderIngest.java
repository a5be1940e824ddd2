package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoNotFoundException;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.LifecycleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A live source: a folder an incubator writes into while it runs,
 * {@code <root>/<slide>/slide.properties} ({@link SlideMetadata}) and
 * {@code <root>/<slide>/<well>/<frame>_F<plane>.png|jpeg} ({@link LiveFrameName}). The folder is
 * polled; a file is read only once it has its final name — the incubator writes
 * {@code <name>.part} and renames it when complete, so a partial write is never read. An empty
 * {@code <well>/ENDED} file ends the embryo's culture ({@code ENDED} is published after its frames).
 * Hours come from the slide metadata ({@link HpiSource#SLIDE_METADATA}); lifecycle events are
 * {@code live=true}. A checkpoint keeps, per well and plane, the frame up to which every file was
 * published or reported, and which wells ended: a restarted watch goes on where the last one stopped.
 */
public final class WatchedFolderIngest implements AutoCloseable {

    public static final String ENDED_MARKER = "ENDED";
    private static final String CHECKPOINT_PREFIX = "watch:";
    private static final String ENDED_SUFFIX = ":ended";

    /** Why a frame file was skipped (the report says which file and what to do). */
    public enum SkipReason {
        /** The file does not decode as an image once it has settled. */
        UNREADABLE_FILE,
        /** No embryo (zona circle) found in the frame. */
        NO_EMBRYO,
        /** The slide's metadata file does not read: none of its frames are published. */
        SLIDE_METADATA,
        /** A file in a well folder whose name is not a frame's ({@code <frame>_F<plane>.png}): never published. */
        UNRECOGNISED_NAME
    }

    /**
     * What the watch has done, for /metrics and /health; read from any thread.
     *
     * @param oldestWaiting the modification time of the oldest frame file the last scan saw and could
     *                      not publish yet (still being written or settling), or null when none waits
     * @param lastScan      when the last scan finished, or null before the first
     */
    public record WatchStatus(long framesPublished, Map<SkipReason, Long> skipped, Instant oldestWaiting,
                              Instant lastScan) {
    }
    static final String PRODUCER = new ExportReader("watch-folder", ExportReader.VERSION).producer();
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFolderIngest.class);

    private final Path root;
    private final FramePublisher publisher;
    private final Clock clock;
    private final Duration settle;
    private final IngestCheckpoint checkpoint;
    private final IngestReport report = new IngestReport();
    private final Set<Path> done = new HashSet<>();
    private final Map<String, Well> wells = new HashMap<>();
    private final AtomicLong framesPublished = new AtomicLong();
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);
    private volatile Instant oldestWaiting;
    private volatile Instant lastScan;
    private Instant oldestThisScan;
    private boolean checkpointChanged;

    /**
     * @param settle how long a final-named file that does not decode is retried before it is
     *               reported as corrupt (a device that ignores the .part protocol may still be writing)
     */
    public WatchedFolderIngest(Path root, FramePublisher publisher, Clock clock, Duration settle) {
        this(root, publisher, clock, settle, IngestCheckpoint.inMemory());
    }

    /**
     * @param checkpoint where the watch keeps, per well and plane, the last frame up to which every frame
     *                   file was published (or reported), and which wells ended: a restarted watch
     *                   publishes nothing again
     */
    public WatchedFolderIngest(Path root, FramePublisher publisher, Clock clock, Duration settle, IngestCheckpoint checkpoint) {
        this.root = root;
        this.publisher = publisher;
        this.clock = clock;
        this.settle = settle;
        this.checkpoint = checkpoint;
        for (SkipReason r : SkipReason.values()) {
            skipped.put(r, new AtomicLong());
        }
    }

    public WatchStatus status() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        skipped.forEach((reason, n) -> counts.put(reason, n.get()));
        return new WatchStatus(framesPublished.get(), counts, oldestWaiting, lastScan);
    }

    private void skip(SkipReason reason, IngestProblem problem) {
        skipped.get(reason).incrementAndGet();
        report.problem(problem);
    }

    /** Polls every {@code pollEvery} until {@code stop} says so; then publishes what is there once more. */
    public IngestReport run(Duration pollEvery, BooleanSupplier stop, ProgressLine progress) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            progress.advance(poll());
            Thread.sleep(pollEvery.toMillis());
        }
        progress.advance(poll());
        progress.finish();
        return report;
    }

    /** One scan: publishes every complete new frame, then ENDED for wells marked so. @return frames published */
    public int poll() {
        int published = 0;
        oldestThisScan = null;
        for (Path slide : children(root, Files::isDirectory)) {
            Path metadataFile = slide.resolve(SlideMetadata.FILE_NAME);
            if (!Files.isRegularFile(metadataFile)) {
                continue; // the incubator writes it before the first frame; wait for it
            }
            SlideMetadata metadata;
            try {
                metadata = SlideMetadata.read(metadataFile);
            } catch (IOException e) {
                // An incubator may still be writing it (created, not yet filled): read it again next scan, and report
                // it only once it has settled unreadable.
                if (settled(metadataFile) && done.add(metadataFile)) {
                    skip(SkipReason.SLIDE_METADATA, IngestProblem.of(root, metadataFile, e.getMessage()));
                }
                continue;
            }
            for (Path wellFolder : children(slide, Files::isDirectory)) {
                published += pollWell(slide.getFileName().toString(), wellFolder, metadata);
            }
        }
        if (published > 0 || checkpointChanged) {
            publisher.flush(); // an ENDED alone moves the checkpoint too
        }
        if (checkpointChanged) {
            checkpoint.save(); // after the flush: it claims only what Kafka acknowledged
            checkpointChanged = false;
        }
        oldestWaiting = oldestThisScan;
        lastScan = clock.instant();
        return published;
    }

    private int pollWell(String slide, Path folder, SlideMetadata metadata) {
        String wellId = folder.getFileName().toString();
        String wellKey = CHECKPOINT_PREFIX + slide + "/" + wellId;
        Well well = wells.computeIfAbsent(slide + "/" + wellId, k -> new Well(
                publisher.embryo("watch:" + slide + ":" + wellId, slide + " " + wellId, PRODUCER)));
        if (!well.ended && checkpoint.framesDone(wellKey + ENDED_SUFFIX) > 0) {
            well.ended = true; // ended before a restart: its ENDED is on the topic already
        }
        if (well.ended) {
            return 0;
        }
        int published = 0;
        List<Path> entries = children(folder, Files::isRegularFile);
        for (Path stray : entries) {
            String fileName = stray.getFileName().toString();
            if (LiveFrameName.parse(fileName).isEmpty() && !fileName.endsWith(LiveFrameName.PARTIAL_SUFFIX) && !fileName.equals(ENDED_MARKER)
                    && done.add(stray)) {
                // a frame saved under another name would otherwise be missing without a word
                skip(SkipReason.UNRECOGNISED_NAME, IngestProblem.of(root, stray, "not a frame file name (expected"
                        + " <frame>_F<plane>.png or .jpeg, e.g. 0012_F0.png); not published — rename it if it is a frame,"
                        + " or keep other files out of the well folder"));
            }
        }
        List<Path> files = entries.stream()
                .filter(f -> !done.contains(f) && LiveFrameName.parse(f.getFileName().toString()).isPresent())
                .sorted((a, b) -> Integer.compare(frameOf(a), frameOf(b)))
                .toList();
        for (Path file : files) {
            LiveFrameName name = LiveFrameName.parse(file.getFileName().toString()).orElseThrow();
            if (name.frame() <= checkpoint.framesDone(planeKey(wellKey, name.plane()))) {
                done.add(file); // published (or reported) before a restart
                well.started = true;
                continue;
            }
            Optional<byte[]> canonical = canonical(well, file, name);
            if (canonical.isEmpty()) {
                if (!done.contains(file)) {
                    waiting(file);
                }
                continue;
            }
            if (!well.started) {
                publisher.lifecycle(well.embryo, LifecycleState.STARTED, metadata.insemination(),
                        OptionalDouble.of(metadata.intervalMinutes()), true);
                well.started = true;
            }
            publisher.frame(well.embryo, new FramePublisher.CanonicalFrameEvent(name.frame(), name.plane(),
                    metadata.hoursAt(name.frame()), HpiSource.SLIDE_METADATA, metadata.acquisitionOf(name.frame()),
                    canonical.get(), SourceRefs.relative(root, file), null));
            report.framePublished();
            framesPublished.incrementAndGet();
            published++;
        }
        advanceMarks(wellKey, files);
        if (Files.exists(folder.resolve(ENDED_MARKER)) && files.stream().allMatch(done::contains)) {
            if (well.started) {
                publisher.lifecycle(well.embryo, LifecycleState.ENDED, metadata.insemination(),
                        OptionalDouble.of(metadata.intervalMinutes()), true);
                report.embryoCompleted();
            }
            well.ended = true;
            well.close();
            checkpoint.markDone(wellKey + ENDED_SUFFIX, 1);
            checkpointChanged = true;
        }
        return published;
    }

    /**
     * Moves each plane's mark to the last frame up to which every file seen is done (published or
     * reported). A file still settling holds its plane's mark back, so a restart reads it again; files
     * the incubator has not written yet do not, as it writes frames in order.
     */
    private void advanceMarks(String wellKey, List<Path> files) {
        Map<Integer, Integer> marks = new HashMap<>();
        Set<Integer> held = new HashSet<>();
        for (Path file : files) { // in frame order
            LiveFrameName name = LiveFrameName.parse(file.getFileName().toString()).orElseThrow();
            if (held.contains(name.plane())) {
                continue;
            }
            if (done.contains(file)) {
                marks.put(name.plane(), name.frame());
            } else {
                held.add(name.plane());
            }
        }
        marks.forEach((plane, frame) -> {
            String key = planeKey(wellKey, plane);
            if (frame > checkpoint.framesDone(key)) {
                checkpoint.markDone(key, frame);
                checkpointChanged = true;
            }
        });
    }

    private static String planeKey(String wellKey, int plane) {
        return wellKey + "/F" + plane;
    }

    /** The frame through the canonical path; empty while a file may still be settling, or after reporting it. */
    private Optional<byte[]> canonical(Well well, Path file, LiveFrameName name) {
        BufferedImage image;
        try {
            image = ImageFrames.readGray(file);
        } catch (IOException e) {
            if (!settled(file)) {
                return Optional.empty();
            }
            done.add(file);
            skip(SkipReason.UNREADABLE_FILE, IngestProblem.of(root, file, e.getMessage()));
            return Optional.empty();
        }
        done.add(file);
        try {
            return Optional.of(well.preprocessor(name.plane()).process(ImageFrames.pixels(image), image.getWidth(), image.getHeight()));
        } catch (EmbryoNotFoundException e) {
            skip(SkipReason.NO_EMBRYO, IngestProblem.of(root, file,
                    "no embryo (zona circle) found; frame skipped — check the well and focus"));
            return Optional.empty();
        }
    }

    /** A file the scan saw and could not publish yet: the watch's lag is the oldest such file's age. */
    private void waiting(Path file) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (oldestThisScan == null || modified.isBefore(oldestThisScan)) {
                oldestThisScan = modified;
            }
        } catch (IOException e) {
            // renamed or deleted meanwhile: not waiting any more
        }
    }

    private boolean settled(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().plus(settle).isBefore(clock.instant());
        } catch (IOException e) {
            return false; // renamed or deleted meanwhile: look again next poll
        }
    }

    private static int frameOf(Path file) {
        return LiveFrameName.parse(file.getFileName().toString()).map(LiveFrameName::frame).orElse(0);
    }

    private static List<Path> children(Path folder, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep).sorted().toList();
        } catch (IOException e) {
            LOG.debug("{} vanished while scanning: {}", folder, e.getMessage());
            return List.of();
        }
    }

    public IngestReport report() {
        return report;
    }

    @Override
    public void close() {
        wells.values().forEach(Well::close);
    }

    /** One live embryo: its published identity and one preprocessor per plane. */
    private static final class Well implements AutoCloseable {
        private final FramePublisher.Embryo embryo;
        private final Map<Integer, CanonicalPreprocessor> planes = new HashMap<>();
        private boolean started;
        private boolean ended;

        Well(FramePublisher.Embryo embryo) {
            this.embryo = embryo;
        }

        CanonicalPreprocessor preprocessor(int plane) {
            return planes.computeIfAbsent(plane, p -> new CanonicalPreprocessor(embryo.displayLabel() + " plane " + p));
        }

        @Override
        public void close() {
            planes.values().forEach(CanonicalPreprocessor::close);
            planes.clear();
        }
    }
}
