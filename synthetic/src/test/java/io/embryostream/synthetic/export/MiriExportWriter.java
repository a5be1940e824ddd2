package io.embryostream.synthetic.export;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.ingest.miri.MiriCorrespondenceSheet;
import io.embryostream.ingest.miri.MiriFocalPlanes;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.ingest.miri.MiriVideoName;
import io.embryostream.ingest.miri.MiriWell;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a synthetic MIRI export (FORMATS.md §1): one video per well and focal plane
 * {@code <slide id>-P<ww>-FP<f>.avi} (and optionally an {@code .mp4} copy) at 1280×720, one frame per
 * 5 minutes, the embryo off centre as in real exports; the transposed
 * {@code Time-lapse # <slide id> summary.xlsx} with the drawn tPB2, tPNa (in the 1PN, 2PN or 3PN row
 * after the embryo's pronuclei count) and tPNf; and {@code Sheet de correspondance.csv} renaming
 * the videos {@code SEQ001…} as the original project did.
 */
public final class MiriExportWriter {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    public static final double MINUTES_PER_FRAME = 5;
    /** Container rate only: a time-lapse has no real playback speed. */
    private static final double FRAMES_PER_SECOND = 12;
    /** The phases a MIRI summary has rows for. */
    private static final List<Phase> SUMMARY_PHASES = List.of(Phase.TPB2, Phase.TPNA, Phase.TPNF);

    private MiriExportWriter() {
    }

    /**
     * @param focalPlanes FP numbers to write (1…7, see {@link MiriFocalPlanes})
     * @param mp4Copies   also write each video as MPEG-4 {@code .mp4}
     */
    public record Options(int frames, List<Integer> focalPlanes, boolean mp4Copies) {
        public Options {
            focalPlanes = List.copyOf(focalPlanes);
            if (focalPlanes.isEmpty()) {
                throw new IllegalArgumentException("write at least one focal plane");
            }
            focalPlanes.forEach(fp -> MiriFocalPlanes.offsetOf(fp).orElseThrow(() ->
                    new IllegalArgumentException("FP" + fp + " is not in the MIRI plane table (FP1–FP7)")));
            new FrameSchedule(frames, MINUTES_PER_FRAME);
        }

        FrameSchedule schedule() {
            return new FrameSchedule(frames, MINUTES_PER_FRAME);
        }
    }

    /** Writes the export into {@code folder} (created if needed). */
    public static ExportFiles write(Path folder, MiriSlideId slide, SyntheticSlide wells, Options options) throws IOException {
        Files.createDirectories(folder);
        List<Path> videos = new ArrayList<>();
        Map<String, String> renaming = new LinkedHashMap<>();
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        for (SyntheticWell well : wells.wells()) {
            FrameGeometry geometry = geometry(well.timeline().seed());
            for (int fp : options.focalPlanes()) {
                int plane = MiriFocalPlanes.offsetOf(fp).orElseThrow();
                List<String> extensions = options.mp4Copies() ? List.of("avi", "mp4") : List.of("avi");
                for (String extension : extensions) {
                    MiriVideoName name = new MiriVideoName(slide, new MiriWell(well.number()), fp, extension);
                    Path video = folder.resolve(name.fileName());
                    SyntheticVideo.write(video, renderer, well.timeline(), plane, geometry, options.schedule(), FRAMES_PER_SECOND);
                    videos.add(video);
                    renaming.put(name.fileName(), String.format("SEQ%03d.%s", renaming.size() + 1, extension));
                }
            }
        }
        Path summary = folder.resolve(MiriSummarySheet.fileName(slide));
        List<WellAnnotation> annotations = new ArrayList<>();
        Map<String, Integer> pronuclei = new LinkedHashMap<>();
        for (SyntheticWell well : wells.wells()) {
            Onsets onsets = summaryOnsets(options.schedule().seen(well.timeline().onsets()));
            String id = new MiriWell(well.number()).id();
            if (!onsets.isEmpty()) {
                annotations.add(new WellAnnotation(id, onsets, AnnotationUnit.HOURS));
                pronuclei.put(id, well.timeline().pronuclei());
            }
        }
        MiriSummarySheet.write(summary, annotations, pronuclei, true);
        Path correspondence = folder.resolve(MiriCorrespondenceSheet.FILE_NAME);
        MiriCorrespondenceSheet.write(correspondence, renaming);
        return new ExportFiles(folder, videos, List.of(summary, correspondence));
    }

    /** The drawn onsets a MIRI summary can hold: tPB2, tPNa, tPNf. */
    static Onsets summaryOnsets(Onsets drawn) {
        Map<Phase, Double> kept = new EnumMap<>(Phase.class);
        SUMMARY_PHASES.forEach(p -> drawn.onset(p).ifPresent(h -> kept.put(p, h)));
        return Onsets.of(kept);
    }

    /**
     * Real MIRI frames show the embryo within x 410–870, y 200–520 (FORMATS.md): a zona of radius
     * 150–159 px, its centre drawn per embryo so that it stays inside that box.
     */
    public static FrameGeometry geometry(long embryoSeed) {
        SplittableRandom rnd = new SplittableRandom(embryoSeed ^ 0x4D49_5249L);
        double radius = rnd.nextDouble(150, 159);
        double x = rnd.nextDouble(410 + radius, 870 - radius);
        double y = rnd.nextDouble(200 + radius, 520 - radius);
        return FrameGeometry.of(WIDTH, HEIGHT, x, y, radius);
    }
}
