package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.synthetic.export.ExportFiles;
import io.embryostream.synthetic.export.MiriExportWriter;
import io.embryostream.synthetic.export.SyntheticSlide;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.synthetic.embryo.TimelineSampler;
import io.embryostream.ingest.video.VideoFrameReader;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (a main, not a test): MIRI 1280×720 videos → decode, locate, crop, canonical frame,
 * publish to the embedded broker through the ingest's default path (GRAY8, the idempotent producer
 * with zstd), at each thread count. Also
 * decodes the same videos alone, with the same parallelism, so the decode share of the total shows.
 * Arguments: wells (default 4), frames per video (default 300), codec {@code avi} (FFV1) or
 * {@code mp4} (MPEG-4 Part 2), thread counts (default 1 2). Command and figures: docs/ingest.md.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wells = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String codec = args.length > 2 ? args[2] : "avi";
        List<Integer> threadCounts = args.length > 3
                ? Arrays.stream(args).skip(3).map(Integer::parseInt).toList() : List.of(1, 2);
        if (!codec.equals("avi") && !codec.equals("mp4")) {
            throw new IllegalArgumentException("codec is avi (FFV1) or mp4 (MPEG-4), got " + codec);
        }
        Path work = Files.createTempDirectory("ingest-benchmark");
        Path export = work.resolve("export");
        long t0 = System.nanoTime();
        ExportFiles files = MiriExportWriter.write(export, new MiriSlideId("MTL-0130-0EFD-D6E0-[37]"),
                SyntheticSlide.sample(2026, wells, TimelineSampler.Rates.literature()),
                new MiriExportWriter.Options(frames, List.of(4), codec.equals("mp4")));
        if (codec.equals("mp4")) {
            // the ingest prefers a plane's lossless .avi: keep only the MPEG-4 copies
            for (Path video : files.media()) {
                if (video.toString().endsWith(".avi")) {
                    Files.delete(video);
                }
            }
        }
        List<Path> videos = files.media().stream().filter(Files::exists).toList();
        System.out.printf("wrote %d MIRI videos of %d frames (1280x720 %s) in %.1f s; load average %s%n", videos.size(),
                frames, codec.equals("avi") ? "FFV1 .avi" : "MPEG-4 .mp4", (System.nanoTime() - t0) / 1e9, loadAverage());
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        ingest(export, bootstrap, work, "warm-up", threadCounts.get(threadCounts.size() - 1));
        long frameCount = (long) videos.size() * frames;
        for (int threads : threadCounts) {
            long cpu0 = processCpuNanos();
            double decoded = decodeOnly(videos, threads);
            long cpu1 = processCpuNanos();
            double total = ingest(export, bootstrap, work, "threads-" + threads, threads);
            long cpu2 = processCpuNanos();
            // CPU time per frame is what a busy shared machine distorts least: wall-clock rates depend on
            // what else runs, CPU time per frame on the work (the whole pipeline's includes the in-JVM broker).
            System.out.printf("%d thread(s): decode alone %.0f frames/s, %.1f CPU ms/frame; whole pipeline %.0f frames/s,"
                    + " %.1f CPU ms/frame (broker included); load average %s%n", threads, decoded,
                    (cpu1 - cpu0) / 1e6 / frameCount, total, (cpu2 - cpu1) / 1e6 / frameCount, loadAverage());
        }
        System.exit(0);
    }

    /** Frames/s of decoding every video to gray8, as the ingest does, with the same workers and decoder threads. */
    private static double decodeOnly(List<Path> videos, int threads) throws Exception {
        int workers = Math.min(threads, videos.size());
        int decoderThreads = Math.max(1, threads / workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> counts = new ArrayList<>();
            for (Path video : videos) {
                counts.add(pool.submit(() -> {
                    try (VideoFrameReader reader = VideoFrameReader.open(video, decoderThreads)) {
                        while (reader.nextFrame().isPresent()) {
                            // decoding is the work measured
                        }
                        return reader.framesRead();
                    }
                }));
            }
            long decoded = 0;
            for (Future<Integer> count : counts) {
                decoded += count.get();
            }
            return decoded / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double ingest(Path export, String bootstrap, Path work, String run, int threads) throws Exception {
        try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap))) {
            FramePublisher publisher = new FramePublisher(sink, new EmbryoIds("benchmark-secret-" + run + "-0123456789"), Clock.systemUTC());
            ExportIngest ingest = new ExportIngest(publisher, IngestCheckpoint.open(work.resolve(run + ".checkpoint")),
                    total -> new ProgressLine("ingest " + run, total, new PrintStream(OutputStream.nullOutputStream()), false,
                            System::currentTimeMillis, 60_000), () -> false);
            long start = System.nanoTime();
            IngestReport report = ingest.run(export, ExportIngest.Options.detect().withThreads(threads));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %s: %d frames in %.2f s = %.0f frames/s (problems: %d)%n", run, report.framesPublished(),
                    seconds, report.framesPublished() / seconds, report.problems().size());
            return report.framesPublished() / seconds;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
