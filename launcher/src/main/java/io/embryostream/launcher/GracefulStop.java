package io.embryostream.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C handling for long-running commands: the shutdown hook asks the main thread to stop, waits
 * for its orderly shutdown (Kafka clients closed, transactions committed, summary printed), then
 * ends the JVM with status 0 as a finished run would. Use in try-with-resources around the run.
 */
final class GracefulStop implements AutoCloseable {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    GracefulStop(String name) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                if (stopped.await(60, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits for Ctrl-C or, when {@code limit} is given, for that long; true when Ctrl-C came. */
    boolean await(Duration limit) throws InterruptedException {
        if (limit == null) {
            stop.await();
            return true;
        }
        return stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once Ctrl-C came (for loops that poll rather than wait). */
    boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Call after the orderly shutdown: lets a waiting Ctrl-C hook end the JVM. */
    @Override
    public void close() {
        System.out.flush();
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook ends it
        }
    }
}
