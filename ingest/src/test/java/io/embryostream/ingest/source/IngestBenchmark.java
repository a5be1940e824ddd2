package io.embryostream.ingest.source;

import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.export.MiriExportWriter;
import io.embryostream.ingest.export.SyntheticSlide;
import io.embryostream.ingest.miri.MiriSlideId;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.ingest.publish.ProgressLine;
import io.embryostream.ingest.synthetic.TimelineSampler;
import io.embryostream.kafka.embedded.SharedEmbeddedKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (a main, not a test): MIRI 1280×720 FFV1 videos → decode, locate, crop, canonical
 * frame, PNG, publish to the embedded broker with the idempotent producer. Prints frames/s.
 * Arguments: wells (default 4), frames per video (default 300). Command and figure: docs/ingest.md.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wells = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = Files.createTempDirectory("ingest-benchmark");
        Path export = work.resolve("export");
        long t0 = System.nanoTime();
        MiriExportWriter.write(export, new MiriSlideId("MTL-0130-0EFD-D6E0-[37]"),
                SyntheticSlide.sample(2026, wells, TimelineSampler.Rates.literature()),
                new MiriExportWriter.Options(frames, List.of(4), false));
        System.out.printf("wrote %d MIRI videos of %d frames (1280x720 FFV1) in %.1f s%n", wells, frames, (System.nanoTime() - t0) / 1e9);
        String bootstrap = SharedEmbeddedKafka.broker().bootstrapServers();
        for (String run : List.of("warm-up", "measured")) {
            try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", bootstrap))) {
                FramePublisher publisher = new FramePublisher(sink, new EmbryoIds("benchmark-secret-" + run + "-0123456789"), Clock.systemUTC());
                ExportIngest ingest = new ExportIngest(publisher, IngestCheckpoint.open(work.resolve(run + ".checkpoint")),
                        total -> ProgressLine.onStderr("ingest " + run, total), () -> false);
                long start = System.nanoTime();
                IngestReport report = ingest.run(export, ExportIngest.Options.detect());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s: %d frames in %.2f s = %.0f frames/s (problems: %d)%n", run, report.framesPublished(), seconds,
                        report.framesPublished() / seconds, report.problems().size());
            }
        }
        System.exit(0);
    }
}
