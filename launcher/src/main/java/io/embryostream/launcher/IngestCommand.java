package io.embryostream.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Publish frames from a clinic export folder (MIRI, EmbryoScope, Gomez layout) or a watched incubator folder as FrameEvents. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Publish frames from a clinic export folder (MIRI, EmbryoScope, Gomez layout) or a watched incubator folder as FrameEvents.")
final class IngestCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'ingest' is not part of this build yet (tracked as issue #4).");
        return 2;
    }
}
