package io.embryostream.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Stream a synthetic incubator (N incubators x slides x wells) to Kafka in accelerated time. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Stream a synthetic incubator (N incubators x slides x wells) to Kafka in accelerated time.")
final class SimulateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'simulate' is not part of this build yet (tracked as issue #3).");
        return 2;
    }
}
