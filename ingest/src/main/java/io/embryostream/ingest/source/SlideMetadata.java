package io.embryostream.ingest.source;

import io.embryostream.ingest.annotation.ExportFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * A live slide's {@code slide.properties}: {@code insemination} (ISO-8601 instant, e.g.
 * {@code 2026-01-15T09:30:00Z}), {@code interval.minutes} (nominal minutes between frames) and,
 * optionally, {@code first.frame} (when frame 1 was taken; default one interval after
 * insemination). Frame k was taken at {@code first.frame + (k − 1) × interval}.
 */
record SlideMetadata(Instant insemination, double intervalMinutes, Instant firstFrame) {

    public static final String FILE_NAME = "slide.properties";

    public SlideMetadata {
        if (!(intervalMinutes > 0) || Double.isInfinite(intervalMinutes)) {
            throw new IllegalArgumentException("interval.minutes must be a positive number, was " + intervalMinutes);
        }
        if (firstFrame.isBefore(insemination)) {
            throw new IllegalArgumentException("first.frame " + firstFrame + " is before insemination " + insemination);
        }
    }

    public static SlideMetadata read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            Instant insemination = Instant.parse(required(file, p, "insemination"));
            double interval = Double.parseDouble(required(file, p, "interval.minutes"));
            String first = p.getProperty("first.frame");
            Instant firstFrame = first == null || first.isBlank()
                    ? insemination.plus(minutes(interval)) : Instant.parse(first.trim());
            return new SlideMetadata(insemination, interval, firstFrame);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ExportFormatException(file, e.getMessage() + "; expected insemination=2026-01-15T09:30:00Z,"
                    + " interval.minutes=10 and optionally first.frame=<instant>", e);
        }
    }

    /** When frame {@code frame} (1-based) was taken. */
    public Instant acquisitionOf(int frame) {
        return firstFrame.plus(minutes(intervalMinutes * (frame - 1)));
    }

    /** Hours post-insemination of frame {@code frame}. */
    public double hoursAt(int frame) {
        return Duration.between(insemination, acquisitionOf(frame)).toMillis() / 3_600_000.0;
    }

    private static Duration minutes(double minutes) {
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    private static String required(Path file, Properties p, String key) throws ExportFormatException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ExportFormatException(file, "no '" + key + "' entry; the live source must say when the slide was"
                    + " inseminated and the nominal frame interval");
        }
        return v.trim();
    }
}
