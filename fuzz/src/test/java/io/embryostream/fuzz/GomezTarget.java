package io.embryostream.fuzz;

import io.embryostream.ingest.gomez.GomezLayout;
import io.embryostream.ingest.gomez.GomezPhasesFile;
import io.embryostream.ingest.gomez.GomezTimeElapsedFile;
import io.embryostream.synthetic.export.GomezExportWriter;
import io.embryostream.synthetic.export.TestSlides;
import java.awt.image.BufferedImage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** A Gomez-layout dataset: phase files, time files and JPEG folders, mutated line by line and image by image. */
final class GomezTarget implements FuzzTarget {

    private static final int FRAMES = 6;
    private Path valid;

    @Override
    public String name() {
        return "gomez";
    }

    @Override
    public Set<String> prepare(Path work) throws Exception {
        valid = work.resolve("gomez-valid");
        GomezExportWriter.write(valid, TestSlides.pronuclearSlide(), new GomezExportWriter.Options(FRAMES, List.of(0), 5));
        return ExportRun.run(new Mutant(name(), "valid", 0, Expectation.PUBLISHED, "", null), valid).published();
    }

    @Override
    public Outcome run(long seed, Path work) {
        SplittableRandom rnd = FuzzTarget.random(seed);
        Path export = work.resolve("gomez-" + Long.toHexString(seed));
        Mutant mutant = null;
        try {
            String embryo = GomezExportWriter.embryoName(1 + rnd.nextInt(2));
            Path phases = Path.of(GomezLayout.ANNOTATIONS_FOLDER, embryo + GomezPhasesFile.SUFFIX);
            Path time = Path.of(GomezLayout.TIME_ELAPSED_FOLDER, embryo + GomezTimeElapsedFile.SUFFIX);
            int frame = 1 + rnd.nextInt(FRAMES);
            Path image = Path.of(GomezLayout.PLANE_FOLDER_PREFIX + 0, embryo, embryo + "_RUN" + frame + ".jpeg");
            int which = rnd.nextInt(3);
            Path touched = which == 0 ? phases : which == 1 ? time : image;
            Folders.copy(valid, export, Set.of(touched.getFileName().toString()));
            mutant = switch (which) {
                case 0 -> mutatePhases(export.resolve(phases), embryo, seed, rnd);
                case 1 -> mutateTime(export.resolve(time), embryo, seed, rnd);
                default -> mutateImage(export.resolve(image), embryo, seed, rnd);
            };
            return ExportRun.run(mutant, export);
        } catch (Exception | Error e) {
            return Outcome.crashed(mutant != null ? mutant : new Mutant(name(), "building", seed, Expectation.EITHER, "", null), e);
        } finally {
            Folders.delete(export);
        }
    }

    private Mutant mutatePhases(Path file, String embryo, long seed, SplittableRandom rnd) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        List<String> kinds = List.of("overlap", "reversed-interval", "unknown-phase", "not-a-number", "beyond-recording",
                "order", "quoted", "empty", "byte-flips", "duplicate-phase", "extra-field", "frame-zero");
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        String name = file.getFileName().toString();
        Expectation expect = Expectation.REPORTED;
        int i = rnd.nextInt(lines.size());
        String[] f = lines.get(i).split(",");
        switch (kind) {
            case "overlap" -> {
                // a quirk of 14 real files: an interval runs into the next (resolved by the onset rule)
                if (i + 1 < lines.size()) {
                    lines.set(i, f[0] + "," + f[1] + "," + (Integer.parseInt(lines.get(i + 1).split(",")[1]) + 1));
                }
                expect = Expectation.PUBLISHED;
            }
            case "reversed-interval" -> lines.set(i, f[0] + "," + (Integer.parseInt(f[2]) + 2) + "," + f[1]);
            case "unknown-phase" -> {
                lines.set(i, "tWHAT," + f[1] + "," + f[2]);
                expect = Expectation.EITHER;
            }
            case "not-a-number" -> lines.set(i, f[0] + "," + Mutations.garbageText(rnd) + "," + f[2]);
            case "beyond-recording" -> lines.set(i, f[0] + "," + (5000 + rnd.nextInt(100_000)) + "," + (200_000));
            case "order" -> {
                String[] last = lines.get(lines.size() - 1).split(",");
                lines.set(0, lines.get(0).split(",")[0] + "," + (Integer.parseInt(last[2]) + 1) + "," + (Integer.parseInt(last[2]) + 1));
                expect = Expectation.EITHER; // a later first frame for the first phase is also beyond the recording
            }
            case "quoted" -> {
                lines.replaceAll(l -> "\"" + l.replace(",", "\",\"") + "\"");
                expect = Expectation.PUBLISHED;
            }
            case "empty" -> lines.clear();
            case "byte-flips" -> {
                Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(4));
                return new Mutant(name(), "phases/" + kind, seed, Expectation.EITHER, name, embryo);
            }
            case "duplicate-phase" -> lines.add(lines.get(i));
            case "extra-field" -> lines.set(i, lines.get(i) + ",x");
            case "frame-zero" -> {
                // TN888-3 starts at frame 0: a documented quirk
                lines.set(0, f.length == 3 ? lines.get(0).split(",")[0] + ",0," + lines.get(0).split(",")[2] : lines.get(0));
                expect = Expectation.EITHER;
            }
            default -> throw new IllegalStateException(kind);
        }
        Files.write(file, lines);
        return new Mutant(name(), "phases/" + kind, seed, expect, name, embryo);
    }

    private Mutant mutateTime(Path file, String embryo, long seed, SplittableRandom rnd) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        List<String> kinds = List.of("not-a-number", "backwards", "missing-line", "no-header", "semicolons", "quoted",
                "windows-1252", "byte-flips", "duplicate-frame", "negative", "empty");
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        String name = file.getFileName().toString();
        Expectation expect = Expectation.REPORTED;
        Charset charset = StandardCharsets.UTF_8;
        int i = 1 + rnd.nextInt(lines.size() - 1);
        String[] f = lines.get(i).split(",");
        switch (kind) {
            case "not-a-number" -> lines.set(i, f[0] + "," + Mutations.garbageText(rnd));
            case "backwards" -> lines.set(i, f[0] + "," + (Double.parseDouble(f[1]) - 10));
            case "missing-line" -> {
                lines.remove(i);
                expect = Expectation.EITHER;
            }
            case "no-header" -> lines.remove(0);
            case "semicolons" -> {
                lines.replaceAll(l -> l.replace(',', ';'));
                expect = Expectation.PUBLISHED;
            }
            case "quoted" -> {
                lines.replaceAll(l -> "\"" + l.replace(",", "\",\"") + "\"");
                expect = Expectation.PUBLISHED;
            }
            case "windows-1252" -> {
                lines.replaceAll(l -> l + (l.startsWith("frame") ? ",remarque" : ",été"));
                charset = Charset.forName("windows-1252");
                expect = Expectation.PUBLISHED;
            }
            case "byte-flips" -> {
                Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(4));
                return new Mutant(name(), "time/" + kind, seed, Expectation.EITHER, name, embryo);
            }
            case "duplicate-frame" -> lines.add(lines.get(i));
            case "negative" -> lines.set(i, f[0] + ",-" + (1 + rnd.nextInt(50)));
            case "empty" -> lines.clear();
            default -> throw new IllegalStateException(kind);
        }
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(charset));
        return new Mutant(name(), "time/" + kind, seed, expect, name, embryo);
    }

    private Mutant mutateImage(Path file, String embryo, long seed, SplittableRandom rnd) throws Exception {
        List<String> kinds = List.of("truncated", "empty-file", "other-size", "byte-flips", "not-an-image", "png-inside",
                "deleted");
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        String name = file.getFileName().toString();
        // the image's own frame is excused; its embryo's other frames and the other embryo must publish
        String excused = embryo + "/" + name;
        Expectation expect = Expectation.REPORTED;
        byte[] bytes = Files.readAllBytes(file);
        switch (kind) {
            case "truncated" -> Files.write(file, Arrays.copyOf(bytes, rnd.nextInt(Math.max(1, bytes.length / 2))));
            case "empty-file" -> Files.write(file, new byte[0]);
            case "other-size" -> {
                BufferedImage other = new BufferedImage(320 + rnd.nextInt(400), 240 + rnd.nextInt(300), BufferedImage.TYPE_BYTE_GRAY);
                ImageIO.write(other, "jpeg", file.toFile());
            }
            case "byte-flips" -> {
                Mutations.flipBytes(file, rnd, 1 + rnd.nextInt(16));
                expect = Expectation.EITHER;
            }
            case "not-an-image" -> Files.writeString(file, "Thumbs\0db " + rnd.nextLong());
            case "png-inside" -> {
                ImageIO.write(ImageIO.read(new java.io.ByteArrayInputStream(bytes)), "png", file.toFile());
                expect = Expectation.EITHER;
            }
            case "deleted" -> {
                Files.delete(file);
                // the report names the folder and the frame: there is no file to name
                return new Mutant(name(), "jpeg/" + kind, seed, Expectation.REPORTED,
                        GomezLayout.PLANE_FOLDER_PREFIX + 0 + "/" + embryo, excused);
            }
            default -> throw new IllegalStateException(kind);
        }
        return new Mutant(name(), "jpeg/" + kind, seed, expect, name, excused);
    }
}
