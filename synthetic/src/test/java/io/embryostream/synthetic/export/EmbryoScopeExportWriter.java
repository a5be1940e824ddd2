package io.embryostream.synthetic.export;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.staging.Onsets;
import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.ingest.embryoscope.EmbryoScopeVideoName;
import io.embryostream.ingest.embryoscope.EmbryoScopeWell;
import io.embryostream.ingest.embryoscope.PatientColumns;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RenderOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic EmbryoScope export (FORMATS.md §2) the way a clinic's copy of it looks,
 * patient data included: a folder named after the (fake) patient, {@code <name> (<patient id>)},
 * holding one 500×500 video per well and plane {@code <slide-id>_WELL<nn>_F<plane>.avi} with the
 * well number and hours burned in, and {@code <slide-id> EXPORT.xls} whose Patient Name and
 * Patient ID columns carry the same fake values. The ingest must drop all of it.
 */
public final class EmbryoScopeExportWriter {

    public static final int SIDE = 500;
    private static final double FRAMES_PER_SECOND = 10;

    private EmbryoScopeExportWriter() {
    }

    /**
     * @param planes          signed plane offsets to write (0 = central)
     * @param minutesPerFrame the incubator's interval (EmbryoScope: 10–20 minutes)
     */
    public record Options(int frames, List<Integer> planes, double minutesPerFrame) {
        public Options {
            planes = FrameSchedule.checkedPlanes(frames, planes, minutesPerFrame);
        }

        FrameSchedule schedule() {
            return new FrameSchedule(frames, minutesPerFrame);
        }
    }

    /** The export folder {@link #write} creates in {@code parent} for {@code patient}. */
    public static Path folderFor(Path parent, PatientColumns patient) {
        return parent.resolve(patient.name() + " (" + patient.id() + ")");
    }

    /**
     * Writes the export into {@link #folderFor(Path, PatientColumns)}.
     *
     * @param slideId e.g. {@code D2026.01.15_S02549_I4120}
     * @param patient fake patient name and id; never real data
     */
    public static ExportFiles write(Path parent, String slideId, SyntheticSlide wells, Options options,
                                    PatientColumns patient) throws IOException {
        Path folder = folderFor(parent, patient);
        Files.createDirectories(folder);
        List<Path> videos = new ArrayList<>();
        List<WellAnnotation> annotations = new ArrayList<>();
        for (SyntheticWell well : wells.wells()) {
            EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults().withBurnedInText(well.number()));
            FrameGeometry geometry = geometry(well.timeline().seed());
            EmbryoScopeWell scopeWell = new EmbryoScopeWell(well.number());
            for (int plane : options.planes()) {
                Path video = folder.resolve(EmbryoScopeVideoName.of(slideId, scopeWell, plane).fileName());
                SyntheticVideo.write(video, renderer, well.timeline(), plane, geometry, options.schedule(), FRAMES_PER_SECOND);
                videos.add(video);
            }
            Onsets seen = options.schedule().seen(well.timeline().onsets());
            if (!seen.isEmpty()) {
                annotations.add(new WellAnnotation(scopeWell.id(), seen, AnnotationUnit.HOURS));
            }
        }
        Path sheet = folder.resolve(EmbryoScopeExportSheet.fileName(slideId));
        EmbryoScopeExportSheet.write(sheet, annotations, patient);
        return new ExportFiles(folder, videos, List.of(sheet));
    }

    /**
     * EmbryoScope wells are imaged centred, the zona filling most of the frame (radius ≈ 0.3 of the
     * side), with a little placement jitter; the burned-in text stays in the bottom corners.
     */
    public static FrameGeometry geometry(long embryoSeed) {
        SplittableRandom rnd = new SplittableRandom(embryoSeed ^ 0x4553_434FL);
        return FrameGeometry.of(SIDE, SIDE, SIDE / 2.0 + rnd.nextDouble(-12, 12), SIDE / 2.0 + rnd.nextDouble(-12, 4),
                rnd.nextDouble(145, 160));
    }
}
