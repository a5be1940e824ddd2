package io.embryostream.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory: Java heap in use right after a full collection (live data, not garbage
 * waiting for the collector) and the resident set size the kernel reports ({@code VmRSS}), which
 * also counts metaspace, thread stacks, direct buffers, ONNX Runtime and RocksDB native memory.
 */
public record ProcessMemory(long heapUsedAfterGcBytes, long heapMaxBytes, long rssBytes) {

    public static ProcessMemory measure() {
        // System.gc() is a request; two in a row let a concurrent collector finish its cycle.
        System.gc();
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ProcessMemory(heap.getUsed(), heap.getMax(), vmRssBytes());
    }

    static long vmRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("/proc/self/status has no VmRSS line (not Linux?)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
    }
}
