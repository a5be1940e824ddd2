package io.embryostream.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Write a training set (canonical PNG frames + labels.csv) from labelled exports or the synthetic incubator. */
@Command(name = "export-dataset", mixinStandardHelpOptions = true, description = "Write a training set (canonical PNG frames + labels.csv) from labelled exports or the synthetic incubator.")
final class ExportDatasetCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'export-dataset' is not part of this build yet (tracked as issue #4).");
        return 2;
    }
}
