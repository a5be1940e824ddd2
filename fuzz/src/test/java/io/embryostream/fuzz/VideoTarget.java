package io.embryostream.fuzz;

import io.embryostream.ingest.embryoscope.EmbryoScopeVideoName;
import io.embryostream.ingest.embryoscope.EmbryoScopeWell;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.ingest.miri.MiriVideoName;
import io.embryostream.ingest.miri.MiriWell;
import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.synthetic.export.AviChunks;
import io.embryostream.synthetic.export.EmbryoScopeExportWriter;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import io.embryostream.synthetic.export.VideoWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The videos of MIRI and EmbryoScope exports, mutated frame-aware: a frame's bytes damaged inside
 * the AVI chunk that holds it, the file cut, swapped for a still picture or a video of another size
 * or length. Decoding runs FFmpeg's native code, so the campaign runs this target in its own JVM
 * ({@link SeparateJvm}); {@link #prepare} writes the valid exports there too.
 */
abstract class VideoTarget implements FuzzTarget {

    static final String SLIDE_ES = "D2026.01.15_S02549_I4120";
    private static final int MIRI_FRAMES = 6;
    private static final int ES_FRAMES = 4;
    private static final List<String> KINDS = List.of("damaged-frame", "still-picture", "other-size", "shorter",
            "truncated", "empty-file", "not-a-video", "byte-flips", "header-bytes");

    /** MIRI exports' videos. */
    static final class Miri extends VideoTarget {
        Miri() {
            super(true);
        }
    }

    /** EmbryoScope exports' videos. */
    static final class EmbryoScope extends VideoTarget {
        EmbryoScope() {
            super(false);
        }
    }

    private final boolean isMiri;
    private Path valid;
    private Path shorter;

    private VideoTarget(boolean isMiri) {
        this.isMiri = isMiri;
    }

    @Override
    public String name() {
        return isMiri ? "videos-miri" : "videos-embryoscope";
    }

    /** Writes the valid export and a shorter one, or finds them where the parent JVM wrote them. */
    @Override
    public Set<String> prepare(Path work) throws Exception {
        Path folder = work.resolve(name());
        Path shorterFolder = work.resolve(name() + "-shorter");
        boolean written = Files.isDirectory(folder);
        if (isMiri) {
            valid = folder;
            shorter = shorterFolder;
            if (!written) {
                MiriExportWriter.write(valid, MiriSheetTarget.SLIDE, TestSlides.pronuclearSlide(),
                        new MiriExportWriter.Options(MIRI_FRAMES, List.of(3, 4), false));
                MiriExportWriter.write(shorter, MiriSheetTarget.SLIDE, TestSlides.pronuclearSlide(),
                        new MiriExportWriter.Options(MIRI_FRAMES - 3, List.of(3, 4), false));
            }
        } else {
            valid = EmbryoScopeExportWriter.folderFor(folder, PATIENT);
            shorter = EmbryoScopeExportWriter.folderFor(shorterFolder, PATIENT);
            if (!written) {
                EmbryoScopeExportWriter.write(folder, SLIDE_ES, TestSlides.pronuclearSlide(),
                        new EmbryoScopeExportWriter.Options(ES_FRAMES, List.of(0, 15), 10), PATIENT);
                EmbryoScopeExportWriter.write(shorterFolder, SLIDE_ES, TestSlides.pronuclearSlide(),
                        new EmbryoScopeExportWriter.Options(ES_FRAMES - 2, List.of(0, 15), 10), PATIENT);
            }
        }
        return ExportRun.run(new Mutant(name(), "valid", 0, Expectation.PUBLISHED, "", null), valid, options())
                .published();
    }

    private ExportIngest.Options options() {
        return isMiri ? ExportIngest.Options.detect() : ES_OPTIONS;
    }

    /** EmbryoScope exports do not record their interval: the operator passes it, as here. */
    static final ExportIngest.Options ES_OPTIONS = ExportIngest.Options.detect().withFrameIntervalMinutes(10);
    static final PatientColumns PATIENT = new PatientColumns("ZZFAKE Fuzz", "PID-ZZ-000019");

    @Override
    public Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        int well = 1 + rnd.nextInt(2);
        int plane = rnd.nextInt(2);
        String fileName = isMiri
                ? new MiriVideoName(MiriSheetTarget.SLIDE, new MiriWell(well), 3 + plane, "avi").fileName()
                : EmbryoScopeVideoName.of(SLIDE_ES, new EmbryoScopeWell(well), plane * 15).fileName();
        String excused = isMiri ? "-P0" + well + "-" : "_WELL0" + well + "_";
        Path export = work.resolve("video-" + Long.toHexString(seed)).resolve(valid.getFileName());
        Mutant mutant = null;
        try {
            Folders.copy(valid, export, Set.of(fileName));
            Path file = export.resolve(fileName);
            String kind = KINDS.get(rnd.nextInt(KINDS.size()));
            Expectation expect = Expectation.REPORTED;
            byte[] bytes = Files.readAllBytes(file);
            switch (kind) {
                case "damaged-frame" -> {
                    // inside one frame's chunk: headers and index intact, so the frame count still matches
                    int frame = 1 + rnd.nextInt(isMiri ? MIRI_FRAMES : ES_FRAMES);
                    int chunk = AviChunks.frameChunk(bytes, frame);
                    int size = AviChunks.size(bytes, chunk);
                    for (int i = 0; i < 8 + rnd.nextInt(24); i++) {
                        bytes[chunk + 8 + size / 4 + rnd.nextInt(size / 2)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    Files.write(file, bytes);
                }
                case "still-picture" -> {
                    try (VideoWriter still = new VideoWriter(file, 640, 480, 1)) {
                        still.write(new byte[640 * 480]);
                    }
                }
                case "other-size" -> {
                    int w = 2 * (160 + rnd.nextInt(400));
                    int h = 2 * (120 + rnd.nextInt(300));
                    try (VideoWriter other = new VideoWriter(file, w, h, 12)) {
                        for (int f = 0; f < (isMiri ? MIRI_FRAMES : ES_FRAMES); f++) {
                            other.write(new byte[w * h]);
                        }
                    }
                }
                case "shorter" -> Files.write(file, Files.readAllBytes(shorter.resolve(fileName)));
                case "truncated" -> Files.write(file, Arrays.copyOf(bytes, rnd.nextInt(bytes.length)));
                case "empty-file" -> Files.write(file, new byte[0]);
                case "not-a-video" -> Files.writeString(file, "summary, not a video " + rnd.nextLong(), StandardCharsets.UTF_8);
                case "byte-flips" -> {
                    Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(32));
                    expect = Expectation.EITHER;
                }
                case "header-bytes" -> {
                    for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                        bytes[rnd.nextInt(Math.min(2048, bytes.length))] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    Files.write(file, bytes);
                    expect = Expectation.EITHER;
                }
                default -> throw new IllegalStateException(kind);
            }
            mutant = new Mutant(name(), kind, seed, expect, fileName, excused);
            return ExportRun.run(mutant, export, options());
        } catch (Exception | Error e) {
            return Outcome.crashed(mutant != null ? mutant : new Mutant(name(), "building", seed, Expectation.EITHER, "", null), e);
        } finally {
            Folders.delete(export.getParent());
        }
    }
}
