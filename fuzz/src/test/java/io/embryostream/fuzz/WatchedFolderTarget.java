package io.embryostream.fuzz;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.gomez.GomezLayout;
import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.ingest.source.IngestProblem;
import io.embryostream.ingest.source.IngestReport;
import io.embryostream.ingest.source.WatchedFolderIngest;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The folder an incubator writes into ({@code <slide>/slide.properties}, {@code <slide>/<well>/<frame>_F<plane>.jpeg}):
 * frame files damaged, misnamed or emptied, the slide's metadata broken. One scan of the watch, as
 * {@code ingest --watch} runs it, with every file settled.
 */
final class WatchedFolderTarget implements FuzzTarget {

    private static final String SLIDE = "SLIDE-7";
    /** The slide metadata file the incubator writes first (docs/ingest.md). */
    private static final String METADATA = "slide.properties";
    private static final int FRAMES = 4;
    private Path valid;

    @Override
    public String name() {
        return "watched-folder";
    }

    @Override
    public Set<String> prepare(Path work) throws Exception {
        Path images = work.resolve("watch-images");
        GomezExportWriter.write(images, TestSlides.pronuclearSlide(), new GomezExportWriter.Options(FRAMES, List.of(0), 10));
        valid = work.resolve("watch-valid");
        Path slide = Files.createDirectories(valid.resolve(SLIDE));
        Files.writeString(slide.resolve(METADATA), "insemination=2026-01-15T08:00:00Z\ninterval.minutes=10\n");
        for (int well = 1; well <= 2; well++) {
            String embryo = GomezExportWriter.embryoName(well);
            Path wellFolder = Files.createDirectories(slide.resolve("W0" + well));
            for (int frame = 1; frame <= FRAMES; frame++) {
                Files.copy(images.resolve(GomezLayout.PLANE_FOLDER_PREFIX + 0).resolve(embryo).resolve(embryo + "_RUN" + frame + ".jpeg"),
                        wellFolder.resolve(frame + "_F0.jpeg"));
            }
        }
        return scan(new Mutant(name(), "valid", 0, Expectation.PUBLISHED, "", null), valid).published();
    }

    @Override
    public Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        Path root = work.resolve("watch-" + Long.toHexString(seed));
        Mutant mutant = null;
        try {
            int well = 1 + rnd.nextInt(2);
            int frame = 1 + rnd.nextInt(FRAMES);
            String frameName = frame + "_F0.jpeg";
            List<String> kinds = List.of("truncated", "empty-file", "not-an-image", "misnamed", "byte-flips",
                    "metadata-garbage", "metadata-missing-key", "metadata-bad-interval", "stray-file");
            String kind = kinds.get(rnd.nextInt(kinds.size()));
            Folders.copy(valid, root, Set.of(frameName, METADATA));
            Path file = root.resolve(SLIDE).resolve("W0" + well).resolve(frameName);
            Path metadata = root.resolve(SLIDE).resolve(METADATA);
            String excusedFrame = SLIDE + "/W0" + well + "/" + frameName;
            byte[] bytes = Files.readAllBytes(file);
            mutant = switch (kind) {
                case "truncated" -> {
                    Files.write(file, Arrays.copyOf(bytes, rnd.nextInt(bytes.length / 2)));
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, frameName, excusedFrame);
                }
                case "empty-file" -> {
                    Files.write(file, new byte[0]);
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, frameName, excusedFrame);
                }
                case "not-an-image" -> {
                    Files.writeString(file, "not an image " + rnd.nextLong());
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, frameName, excusedFrame);
                }
                case "misnamed" -> {
                    String other = List.of("frame" + frame + ".jpeg", frame + "_F0.JPG.bak", frame + "-F0.jpeg", "F0_" + frame + ".png")
                            .get(rnd.nextInt(4));
                    Files.move(file, file.resolveSibling(other));
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, other, excusedFrame);
                }
                case "byte-flips" -> {
                    Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(16));
                    yield new Mutant(name(), kind, seed, Expectation.EITHER, frameName, excusedFrame);
                }
                case "metadata-garbage" -> {
                    Files.writeString(metadata, "\0\1garbage " + rnd.nextLong());
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, METADATA, SLIDE);
                }
                case "metadata-missing-key" -> {
                    Files.writeString(metadata, "interval.minutes=10\n");
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, METADATA, SLIDE);
                }
                case "metadata-bad-interval" -> {
                    Files.writeString(metadata, "insemination=2026-01-15T08:00:00Z\ninterval.minutes="
                            + List.of("-5", "0", "ten", "NaN", "1e309").get(rnd.nextInt(5)) + "\n");
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, METADATA, SLIDE);
                }
                case "stray-file" -> {
                    Files.writeString(file.resolveSibling("Thumbs.db"), "windows");
                    yield new Mutant(name(), kind, seed, Expectation.REPORTED, "Thumbs.db", null);
                }
                default -> throw new IllegalStateException(kind);
            };
            return scan(mutant, root);
        } catch (Exception | Error e) {
            return Outcome.crashed(mutant != null ? mutant : new Mutant(name(), "building", seed, Expectation.EITHER, "", null), e);
        } finally {
            Folders.delete(root);
        }
    }

    /** One scan with every file settled (the clock an hour ahead of the files). */
    private static Outcome scan(Mutant mutant, Path root) {
        PublishedRefs sink = new PublishedRefs();
        FramePublisher publisher = new FramePublisher(sink, new EmbryoIds(ExportRun.SECRET),
                Clock.systemUTC());
        Clock settled = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        try (WatchedFolderIngest watch = new WatchedFolderIngest(root, publisher, settled, Duration.ofSeconds(1))) {
            watch.poll();
            IngestReport report = watch.report();
            List<String> reports = report.problems().stream().map(IngestProblem::toString).toList();
            return new Outcome(mutant, report.skippedAnything() ? 1 : 0, reports, sink.refs(), null, false);
        } catch (RuntimeException | Error e) {
            return Outcome.crashed(mutant, e);
        }
    }
}
