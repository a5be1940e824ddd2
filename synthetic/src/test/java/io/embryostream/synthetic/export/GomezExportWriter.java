package io.embryostream.synthetic.export;

import io.embryostream.ingest.gomez.FrameTimes;
import io.embryostream.ingest.gomez.GomezLayout;
import io.embryostream.ingest.gomez.GomezPhasesFile;
import io.embryostream.ingest.gomez.GomezTimeElapsedFile;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.EmbryoTimeline;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a synthetic dataset in the Gomez et al. 2022 layout (FORMATS.md §3):
 * {@code embryo_dataset_F<plane>/<embryo>/<embryo>_RUN<n>.jpeg} (500×500 gray JPEG),
 * {@code embryo_dataset_annotations/<embryo>_phases.csv} with the drawn onsets as frame intervals,
 * {@code embryo_dataset_time_elapsed/<embryo>_timeElapsed.csv} with each frame's hours. Frame times
 * jitter by up to a minute around the nominal interval, as real acquisition times do, so a reader
 * must take the hours from the time file.
 */
public final class GomezExportWriter {

    public static final int SIDE = 500;
    private static final double JITTER_MINUTES = 1;

    private GomezExportWriter() {
    }

    /** @param planes signed plane offsets, each written to {@code embryo_dataset_F<plane>} */
    public record Options(int frames, List<Integer> planes, double minutesPerFrame) {
        public Options {
            planes = FrameSchedule.checkedPlanes(frames, planes, minutesPerFrame);
        }
    }

    /** The name of embryo {@code n} (1-based) of a synthetic dataset, shaped like the real ones ({@code KF460-3}). */
    public static String embryoName(int n) {
        return String.format("SYN%03d-1", n);
    }

    /** Writes the dataset into {@code root}; the slide's well n becomes embryo {@link #embryoName(int) embryoName(n)}. */
    public static ExportFiles write(Path root, SyntheticSlide embryos, Options options) throws IOException {
        Path annotations = Files.createDirectories(root.resolve(GomezLayout.ANNOTATIONS_FOLDER));
        Path timeElapsed = Files.createDirectories(root.resolve(GomezLayout.TIME_ELAPSED_FOLDER));
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        List<Path> frames = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (SyntheticWell well : embryos.wells()) {
            String name = embryoName(well.number());
            EmbryoTimeline timeline = well.timeline();
            FrameTimes times = frameTimes(timeline.seed(), options);
            FrameGeometry geometry = EmbryoScopeExportWriter.geometry(timeline.seed());
            for (int plane : options.planes()) {
                Path folder = Files.createDirectories(root.resolve(GomezLayout.PLANE_FOLDER_PREFIX + plane).resolve(name));
                for (Map.Entry<Integer, Double> frame : times.hoursByFrame().entrySet()) {
                    Path jpeg = folder.resolve(name + "_RUN" + frame.getKey() + ".jpeg");
                    JpegFrames.write(jpeg, renderer.render(timeline, frame.getValue(), plane, geometry), SIDE, SIDE);
                    frames.add(jpeg);
                }
            }
            Path phases = annotations.resolve(name + GomezPhasesFile.SUFFIX);
            GomezPhasesFile.write(phases, onsetFrames(timeline.onsets(), times), options.frames());
            Path time = timeElapsed.resolve(name + GomezTimeElapsedFile.SUFFIX);
            GomezTimeElapsedFile.write(time, times);
            written.add(phases);
            written.add(time);
        }
        return new ExportFiles(root, frames, written);
    }

    /** Frame k near k nominal intervals, jittered, rounded to 0.01 h as the time file writes it. */
    static FrameTimes frameTimes(long embryoSeed, Options options) {
        SplittableRandom rnd = new SplittableRandom(embryoSeed ^ 0x474F_4D45L);
        SortedMap<Integer, Double> hours = new TreeMap<>();
        for (int k = 1; k <= options.frames(); k++) {
            double minutes = k * options.minutesPerFrame() + rnd.nextDouble(-JITTER_MINUTES, JITTER_MINUTES);
            hours.put(k, Math.round(Math.max(0, minutes) / 60 * 100) / 100.0);
        }
        return new FrameTimes(hours);
    }

    /**
     * The drawn onsets on the frame axis: the first frame taken at or after the onset, so a
     * frame's label under the phase file equals the timeline's label at the frame's hours. Onsets
     * after the last frame are not annotated.
     */
    static Onsets onsetFrames(Onsets hours, FrameTimes times) {
        Map<Phase, Double> frames = new EnumMap<>(Phase.class);
        hours.asMap().forEach((phase, onset) -> times.hoursByFrame().entrySet().stream()
                .filter(e -> e.getValue() >= onset).findFirst()
                .ifPresent(e -> frames.put(phase, (double) e.getKey())));
        return Onsets.of(frames);
    }
}
