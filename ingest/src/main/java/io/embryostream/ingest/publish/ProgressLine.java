package io.embryostream.ingest.publish;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress line for long runs: frames done (of total, when known), frames/s and ETA. On a
 * terminal it redraws one line; otherwise it prints a line at most every {@code logEveryMillis}.
 * Thread-safe: parallel workers advance one line.
 */
public final class ProgressLine {

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clockMillis;
    private final long logEveryMillis;
    private final long start;
    private long lastPrint;
    private long done;

    public ProgressLine(String what, long total, PrintStream out, boolean terminal, LongSupplier clockMillis,
                        long logEveryMillis) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.clockMillis = clockMillis;
        this.logEveryMillis = logEveryMillis;
        this.start = clockMillis.getAsLong();
        this.lastPrint = start;
    }

    /** On standard error, redrawing when it is a terminal. */
    public static ProgressLine onStderr(String what, long total) {
        return new ProgressLine(what, total, System.err, System.console() != null, System::currentTimeMillis,
                System.console() != null ? 200 : 5_000);
    }

    public synchronized void advance(long n) {
        done += n;
        long now = clockMillis.getAsLong();
        if (now - lastPrint >= logEveryMillis) {
            lastPrint = now;
            print(now, false);
        }
    }

    public synchronized void finish() {
        print(clockMillis.getAsLong(), true);
    }

    public synchronized long done() {
        return done;
    }

    /** The text of the line at {@code now}. */
    String render(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1000.0);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(what).append(": ").append(done);
        if (total > 0) {
            sb.append('/').append(total).append(String.format(" (%.0f%%)", 100.0 * done / total));
        }
        sb.append(String.format(", %.0f frames/s", rate));
        if (total > 0 && done < total && rate > 0) {
            sb.append(", ETA ").append(formatSeconds((total - done) / rate));
        } else {
            sb.append(", ").append(formatSeconds(seconds)).append(" elapsed");
        }
        return sb.toString();
    }

    private void print(long now, boolean last) {
        String line = render(now);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
