package io.embryostream.ingest.source;

import java.io.IOException;

/** One frame of a stream could not be read; the stream continues with the next frame. */
class SkippedFrameException extends IOException {

    SkippedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
