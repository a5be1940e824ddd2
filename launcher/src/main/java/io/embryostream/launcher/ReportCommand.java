package io.embryostream.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Write the annotation table clinics file (EmbryoScope EXPORT or MIRI summary) with predicted onsets. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write the annotation table clinics file (EmbryoScope EXPORT or MIRI summary) with predicted onsets.")
final class ReportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'report' is not part of this build yet (tracked as issue #8).");
        return 2;
    }
}
