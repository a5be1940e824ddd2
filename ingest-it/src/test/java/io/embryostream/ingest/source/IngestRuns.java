package io.embryostream.ingest.source;

import io.embryostream.ingest.publish.FramePublisher;
import io.embryostream.identity.EmbryoIds;
import io.embryostream.ingest.publish.FrameSink;
import io.embryostream.ingest.publish.IngestCheckpoint;
import io.embryostream.ingest.publish.KafkaFrameSink;
import io.embryostream.ingest.publish.ProgressLine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Runs the export ingest the way the command does, into the shared embedded broker. */
final class IngestRuns {

    private IngestRuns() {
    }

    static IngestReport toKafka(Path export, String secret, Path checkpoint, ExportIngest.Options options) throws Exception {
        try (KafkaFrameSink sink = new KafkaFrameSink(Map.of("bootstrap.servers", BrokerRecords.bootstrap()))) {
            return run(sink, export, secret, checkpoint, options, () -> false);
        }
    }

    static IngestReport run(FrameSink sink, Path export, String secret, Path checkpoint, ExportIngest.Options options,
                            BooleanSupplier stop) throws Exception {
        return run(sink, List.of(export), secret, checkpoint, options, stop);
    }

    static IngestReport run(FrameSink sink, List<Path> exports, String secret, Path checkpoint, ExportIngest.Options options)
            throws Exception {
        return run(sink, exports, secret, checkpoint, options, () -> false);
    }

    private static IngestReport run(FrameSink sink, List<Path> exports, String secret, Path checkpoint,
                                    ExportIngest.Options options, BooleanSupplier stop) throws Exception {
        FramePublisher publisher = new FramePublisher(sink, new EmbryoIds(secret), Clock.systemUTC());
        ExportIngest ingest = new ExportIngest(publisher, IngestCheckpoint.open(checkpoint),
                total -> new ProgressLine("test", total, new PrintStream(OutputStream.nullOutputStream()), false,
                        System::currentTimeMillis, 60_000), stop);
        return ingest.run(exports, options);
    }
}
