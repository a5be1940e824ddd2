package io.embryostream.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Deliver AlertEvents to embryologists' systems over an HTTP webhook. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Deliver AlertEvents to embryologists' systems over an HTTP webhook.")
final class AlertsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'alerts' is not part of this build yet (tracked as issue #7).");
        return 2;
    }
}
