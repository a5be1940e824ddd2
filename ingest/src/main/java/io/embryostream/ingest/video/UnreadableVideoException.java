package io.embryostream.ingest.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A video file that cannot be opened or decoded to the end: missing, not a video, an unsupported
 * codec, or truncated. The message names the file and what to do about it.
 */
public class UnreadableVideoException extends IOException {

    private final transient Path file;

    public UnreadableVideoException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
