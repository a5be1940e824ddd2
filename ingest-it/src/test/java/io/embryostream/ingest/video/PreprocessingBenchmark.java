package io.embryostream.ingest.video;

import io.embryostream.synthetic.export.VideoWriter;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoLocator;
import io.embryostream.ingest.canonical.LocatorStats;
import io.embryostream.ingest.canonical.SyntheticEmbryoFrame;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacv.Frame;

/**
 * Throughput of the ingest's per-frame work on one core (CPU time of the calling thread, which
 * includes FFmpeg's and OpenCV's native work as long as they run single-threaded, as configured
 * here; wall clock printed too, but on a shared machine it mostly measures the neighbours): decode a MIRI-size (1280×720) video as
 * gray, locate the embryo (re-checked every N frames), crop to the canonical frame and PNG-encode
 * it. Prints frames/s per stage and in total. Results and the command are in
 * docs/ingest-preprocessing.md.
 *
 * <p>Arguments: {@code [frames=600] [recheckEvery=12] [video.avi|video.mp4 ...]}; without videos it
 * writes a synthetic FFV1 .avi and an MPEG-4 .mp4 to a temporary folder and measures both.
 */
public final class PreprocessingBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    /** Distinct rendered frames, cycled: rendering noise per pixel is slower than everything measured. */
    private static final int DISTINCT_FRAMES = 24;

    private PreprocessingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int recheckEvery = args.length > 1 ? Integer.parseInt(args[1]) : CanonicalPreprocessor.DEFAULT_RECHECK_EVERY;
        if (args.length > 2) {
            for (int i = 2; i < args.length; i++) {
                run(Path.of(args[i]), recheckEvery);
            }
            return;
        }
        Path dir = Files.createTempDirectory("preprocessing-benchmark");
        try {
            for (String name : new String[] {"miri-synthetic.avi", "miri-synthetic.mp4"}) {
                Path video = writeSynthetic(dir.resolve(name), frames);
                run(video, recheckEvery);
                Files.delete(video);
            }
        } finally {
            Files.delete(dir);
        }
    }

    private static void run(Path video, int recheckEvery) throws Exception {
        measure(video, recheckEvery); // warm-up: JIT, native libraries, page cache
        measure(video, recheckEvery).print(video, recheckEvery);
    }

    private static Path writeSynthetic(Path file, int frames) throws Exception {
        byte[][] distinct = new byte[DISTINCT_FRAMES][];
        for (int i = 0; i < DISTINCT_FRAMES; i++) {
            distinct[i] = SyntheticEmbryoFrame.miri(630 + i % 5, 360 - i % 3, 156).render(i, false);
        }
        try (VideoWriter writer = new VideoWriter(file, WIDTH, HEIGHT, 12)) {
            for (int i = 0; i < frames; i++) {
                writer.write(distinct[i % DISTINCT_FRAMES]);
            }
        }
        return file;
    }

    private static Result measure(Path video, int recheckEvery) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Result result = new Result();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        try (VideoFrameReader reader = VideoFrameReader.open(video);
             CanonicalPreprocessor pre = new CanonicalPreprocessor(video.getFileName().toString(), recheckEvery,
                     EmbryoLocator.Settings.defaults())) {
            while (true) {
                long t0 = threads.getCurrentThreadCpuTime();
                Optional<Frame> frame = reader.nextFrame();
                long t1 = threads.getCurrentThreadCpuTime();
                result.decodeNanos += t1 - t0;
                if (frame.isEmpty()) {
                    break;
                }
                byte[] canonical = pre.process(frame.get());
                long t2 = threads.getCurrentThreadCpuTime();
                result.encodedBytes += CanonicalPng.encode(canonical).length;
                long t3 = threads.getCurrentThreadCpuTime();
                result.preprocessNanos += t2 - t1;
                result.pngNanos += t3 - t2;
                result.frames++;
            }
            result.stats = pre.stats();
        }
        result.totalCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        result.wallNanos = System.nanoTime() - start;
        return result;
    }

    private static final class Result {
        long frames;
        long decodeNanos;
        long preprocessNanos;
        long pngNanos;
        long totalCpuNanos;
        long wallNanos;
        long encodedBytes;
        LocatorStats stats;

        void print(Path video, int recheckEvery) {
            System.out.printf("%s: %d frames %dx%d, re-check every %d (%d Hough searches, %d fallbacks)%n",
                    video.getFileName(), frames, WIDTH, HEIGHT, recheckEvery, stats.searches(), stats.fallbacks());
            line("decode (gray8)", decodeNanos);
            line("locate + crop + resize", preprocessNanos);
            line("PNG encode", pngNanos);
            line("total", totalCpuNanos);
            System.out.printf("  wall clock             %8.3f ms/frame %9.0f frames/s (load average %.1f)%n",
                    wallNanos / 1e6 / frames, frames * 1e9 / wallNanos,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("  mean PNG size           %8d bytes%n", encodedBytes / Math.max(1, frames));
        }

        private void line(String stage, long nanos) {
            System.out.printf("  %-22s %8.3f CPU ms/frame %9.0f frames/s per core%n", stage, nanos / 1e6 / frames,
                    frames * 1e9 / nanos);
        }
    }
}
