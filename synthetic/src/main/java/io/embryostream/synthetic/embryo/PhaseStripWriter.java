package io.embryostream.synthetic.embryo;

import io.embryostream.staging.Phase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Writes one PNG strip per phase for people to check the renderer by eye: {@value #EMBRYOS} embryos at the
 * middle of the phase in the central plane, then the first of them in planes −30 and +30. Also
 * {@code pre-PB2.png} (before tPB2) and {@code export-500.png} (EmbryoScope geometry with burned-in text).
 *
 * <p>Usage: {@code PhaseStripWriter <output folder> [seed]}
 */
public final class PhaseStripWriter {

    private static final int EMBRYOS = 4;
    private static final int[] EXTRA_PLANES = {-30, 30};

    private PhaseStripWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PhaseStripWriter <output folder> [seed]");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        TimelineSampler sampler = new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.normal());
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults());
        EmbryoTimeline[] embryos = new EmbryoTimeline[EMBRYOS];
        for (int i = 0; i < EMBRYOS; i++) {
            embryos[i] = sampler.sample(seed + i);
        }
        FrameGeometry canonical = FrameGeometry.canonical();
        writeStrip(out.resolve("pre-PB2.png"), renderer, embryos, canonical, e -> e.stageStart(Phase.TPB2) * 0.5);
        for (Phase phase : Phase.values()) {
            String name = phase.label().replace("+", "plus");
            writeStrip(out.resolve(String.format("%02d-%s.png", phase.ordinal() + 1, name)), renderer, embryos, canonical,
                    e -> middle(e, phase));
        }
        FrameGeometry export = FrameGeometry.of(500, 500, 250, 250, 160);
        EmbryoRenderer withText = new EmbryoRenderer(RenderOptions.defaults().withBurnedInText(3));
        writeStrip(out.resolve("export-500.png"), withText, new EmbryoTimeline[] {embryos[0]}, export,
                e -> middle(e, Phase.T4));
        System.out.println("wrote strips to " + out);
    }

    private static double middle(EmbryoTimeline e, Phase phase) {
        double start = e.stageStart(phase);
        double end = phase == Phase.THB ? start + 10 : e.stageStart(Phase.values()[phase.ordinal() + 1]);
        return start + 0.5 * (end - start);
    }

    private static void writeStrip(Path file, EmbryoRenderer renderer, EmbryoTimeline[] embryos, FrameGeometry g,
                                   ToDoubleFunction<EmbryoTimeline> when) throws IOException {
        int extra = embryos.length > 1 ? EXTRA_PLANES.length : 0;
        BufferedImage strip = new BufferedImage(g.width() * (embryos.length + extra), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < embryos.length + extra; i++) {
            // the extra tiles show the first embryo again, out of focus
            EmbryoTimeline e = i < embryos.length ? embryos[i] : embryos[0];
            int plane = i < embryos.length ? 0 : EXTRA_PLANES[i - embryos.length];
            byte[] frame = renderer.render(e, when.applyAsDouble(e), plane, g);
            strip.getRaster().setDataElements(i * g.width(), 0, g.width(), g.height(), frame);
        }
        ImageIO.write(strip, "png", file.toFile());
    }
}
