package io.embryostream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the machine was doing when a figure was taken: cores and the 1/5/15-minute load averages from
 * {@code /proc/loadavg}. The machine is shared, so every figure is printed with this line.
 */
public record MachineLoad(int cores, String loadAverages, Instant at) {

    public static MachineLoad now() {
        String load;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            load = "unknown (/proc/loadavg unreadable: " + e.getMessage() + ")";
        }
        return new MachineLoad(Runtime.getRuntime().availableProcessors(), load, Instant.now());
    }

    public String describe() {
        return cores + " cores, load average " + loadAverages + " (1/5/15 min) at " + at;
    }
}
