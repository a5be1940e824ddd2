package io.embryostream.ingest.annotation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A clinic export (sheet, CSV, folder) that does not have the layout FORMATS.md describes. The
 * message names the file, where in it the problem is and what to do; it never quotes text cell
 * contents, because exports may hold patient names and ids.
 */
public class ExportFormatException extends IOException {

    private final transient Path file;
    private final String detail;

    public ExportFormatException(Path file, String detail) {
        super(describe(file, detail));
        this.file = file;
        this.detail = detail;
    }

    public ExportFormatException(Path file, String detail, Throwable cause) {
        super(describe(file, detail), cause);
        this.file = file;
        this.detail = detail;
    }

    private static String describe(Path file, String detail) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        return (name == null ? file : name) + ": " + detail;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file's name. */
    public String detail() {
        return detail;
    }
}
