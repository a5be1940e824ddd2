package io.embryostream.ingest.source;

import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoNotFoundException;
import io.embryostream.ingest.format.FrameSize;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The frames of one well and focal plane in frame order: a video, or a folder of images. Not
 * thread-safe.
 */
interface FrameStream extends AutoCloseable {

    /**
     * Moves to the next frame.
     *
     * @return false at the end
     * @throws SkippedFrameException when this one frame cannot be read (corrupt image); the
     *                               stream goes on with the next
     * @throws IOException           when the rest of the stream cannot be read (damaged or truncated video)
     */
    boolean next() throws IOException;

    /** The current frame's index (1-based, as in the source). */
    int frame();

    /** Where the current frame came from, relative to the export root. */
    String sourceRef();

    /** The current frame through the one canonical preprocessing path. */
    byte[] canonical(CanonicalPreprocessor preprocessor) throws EmbryoNotFoundException;

    /** What the media says of itself before a frame is read (a video's header), for the cross-checks of a well's planes. */
    Header header();

    /**
     * Frames returned although their bytes were damaged (FFmpeg concealed the damage), described for
     * the report once the stream is read; empty when there were none. Images report each bad file
     * as a {@link SkippedFrameException} instead.
     */
    default Optional<String> damage() {
        return Optional.empty();
    }

    /** Frame numbers a sequence skips between its first frame and the last, read so far (videos have none). */
    default java.util.SortedSet<Integer> missingFrames() {
        return java.util.Collections.emptySortedSet();
    }

    @Override
    void close() throws IOException;

    /**
     * @param size   the frame size a video declares; empty for images, read one by one
     * @param frames the frames it declares (a video's header, the last image number of a sequence); empty when unknown
     */
    record Header(Optional<FrameSize> size, OptionalInt frames) {
    }
}
