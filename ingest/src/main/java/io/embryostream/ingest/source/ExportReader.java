package io.embryostream.ingest.source;

import io.embryostream.ingest.format.ExportKind;
import java.util.Locale;

/**
 * The reader of one export kind, as events ({@code producer}) and training-set manifests
 * ({@code source}, {@code sourceVersion}) name it.
 *
 * @param name    e.g. {@code miri-reader}
 * @param version bumped when the reader's output for the same export changes
 */
public record ExportReader(String name, String version) {

    static final String VERSION = "1";

    public static ExportReader of(ExportKind kind) {
        return new ExportReader(kind.name().toLowerCase(Locale.ROOT) + "-reader", VERSION);
    }

    /** The {@code producer} of every event it publishes, e.g. {@code embryo-stream-ingest miri-reader/1}. */
    public String producer() {
        return "embryo-stream-ingest " + name + "/" + version;
    }
}
