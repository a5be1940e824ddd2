package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command the checks run as a user would (a repo script, a distribution's launcher): its status and output. */
record CommandRun(int exit, String output) {

    /** This JVM's own {@code java}, for launching a distribution's jar. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} to its end (at most 60 s), stdout and stderr together. */
    static CommandRun of(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " ends within 60 s").isTrue();
        return new CommandRun(p.exitValue(), out);
    }
}
