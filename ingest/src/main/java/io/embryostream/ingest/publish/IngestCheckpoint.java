package io.embryostream.ingest.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.time.Duration;

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
    /** Exactly-once mode: the sink whose transactions carry the progress, and this thread's marks since its last save. */
    private final TransactionalFrameSink sink;
    private final String scope;
    private final ThreadLocal<Map<String, Integer>> marked = ThreadLocal.withInitial(HashMap::new);

    private IngestCheckpoint(Path file) {
        this(file, null, null);
    }

    private IngestCheckpoint(Path file, TransactionalFrameSink sink, String scope) {
        this.file = file;
        this.sink = sink;
        this.scope = scope;
    }

    /**
     * The progress of {@code scope} kept in Kafka ({@code embryo.ingest.progress.v1}) by {@code sink}: each
     * {@link #save()} commits the calling thread's transaction, its frames and the progress it marked together.
     *
     * @param fresh start from nothing (a forced republish) instead of the committed progress
     */
    public static IngestCheckpoint inKafka(TransactionalFrameSink sink, String scope, boolean fresh, Duration timeout) {
        IngestCheckpoint c = new IngestCheckpoint(null, sink, scope);
        if (!fresh) {
            c.done.putAll(sink.progress(scope, timeout));
        }
        return c;
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
        if (sink != null) {
            marked.get().put(unit, frames);
        }
    }

    /**
     * Writes the checkpoint; call only after the frames it claims were flushed. Serialized, so an
     * older snapshot never replaces a newer one. In Kafka, commits the calling thread's transaction instead.
     */
    public void save() {
        if (sink != null) {
            sink.commit(scope, marked.get());
            marked.get().clear();
            return;
        }
        saveFile();
    }

    private synchronized void saveFile() {
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
