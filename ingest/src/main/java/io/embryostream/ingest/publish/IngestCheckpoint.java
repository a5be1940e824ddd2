package io.embryostream.ingest.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * How far an ingest run got, per source unit (a video file, a Gomez embryo folder): the number of
 * frames of that unit acknowledged by Kafka. Saved after each flush with an atomic rename, so an
 * interrupted run resumes where Kafka had acknowledged and a finished export is not published
 * again. Units are relative source references, never absolute paths. Thread-safe: export workers
 * mark and save their own embryos concurrently.
 */
public final class IngestCheckpoint {

    private final Path file;
    private final Properties done = new Properties();

    private IngestCheckpoint(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the checkpoint in {@code file}. */
    public static IngestCheckpoint open(Path file) {
        IngestCheckpoint c = new IngestCheckpoint(file);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                c.done.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ingest checkpoint " + file
                        + "; delete it to publish the export from the start", e);
            }
        }
        return c;
    }

    /**
     * A checkpoint that starts empty and is never written: for runs that cannot resume anyway
     * (export-dataset writes a fresh folder every time).
     */
    public static IngestCheckpoint inMemory() {
        return new IngestCheckpoint(null);
    }

    /** Frames of {@code unit} already acknowledged (0 when none). */
    public int framesDone(String unit) {
        String v = done.getProperty(unit);
        return v == null ? 0 : Integer.parseInt(v);
    }

    public void markDone(String unit, int frames) {
        done.setProperty(unit, Integer.toString(frames));
    }

    /**
     * Writes the checkpoint; call only after the frames it claims were flushed. Serialized, so an
     * older snapshot never replaces a newer one.
     */
    public synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".checkpoint", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                done.store(out, "embryo-stream ingest checkpoint: frames acknowledged per source unit");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ingest checkpoint " + file, e);
        }
    }
}
