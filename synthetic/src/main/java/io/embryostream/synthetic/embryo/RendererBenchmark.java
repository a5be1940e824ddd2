package io.embryostream.synthetic.embryo;

/**
 * Prints single-thread rendering speed (frames/s) at the EmbryoScope export size (500×500) and the canonical
 * frame (256×256), over embryos sampled across the whole culture (all phases, all seven planes).
 *
 * <p>Usage: {@code RendererBenchmark [frames per measurement]}
 */
public final class RendererBenchmark {

    private static final int[] PLANES = {-45, -30, -15, 0, 15, 30, 45};

    private RendererBenchmark() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        TimelineSampler sampler = new TimelineSampler(TimingModel.bundled(), TimelineSampler.Rates.literature());
        EmbryoTimeline[] embryos = new EmbryoTimeline[32];
        for (int i = 0; i < embryos.length; i++) {
            embryos[i] = sampler.sample(i);
        }
        EmbryoRenderer renderer = new EmbryoRenderer(RenderOptions.defaults().withBurnedInText(1));
        FrameGeometry export = FrameGeometry.of(500, 500, 250, 250, 160);
        FrameGeometry canonical = FrameGeometry.canonical();
        run(renderer, embryos, export, frames / 3); // warm-up: JIT and per-embryo tables
        run(renderer, embryos, canonical, frames / 3);
        System.out.printf("500x500: %.0f frames/s (single thread)%n", run(renderer, embryos, export, frames));
        System.out.printf("256x256: %.0f frames/s (single thread)%n", run(renderer, embryos, canonical, frames));
    }

    private static double run(EmbryoRenderer renderer, EmbryoTimeline[] embryos, FrameGeometry g, int frames) {
        long checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            double hours = (i * 0.25) % 130;
            byte[] frame = renderer.render(embryos[i % embryos.length], hours, PLANES[i % PLANES.length], g);
            checksum += frame[frame.length / 2];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum == Long.MIN_VALUE) {
            System.out.println(checksum); // keeps the JIT from dropping the frames
        }
        return frames / seconds;
    }
}
