package io.embryostream.synthetic.export;

import java.io.IOException;
import java.nio.file.Path;

/** A video could not be written: the encoder or container refused it, or the disk did. */
public class VideoWriteException extends IOException {

    public VideoWriteException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
