package io.embryostream.ingest.source;

import io.embryostream.ingest.format.ExportKind;
import io.embryostream.ingest.format.FrameSize;
import java.util.Optional;

import io.embryostream.ingest.format.FrameClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One embryo (well) of an export as the ingest publishes it.
 *
 * @param checkpointKey  its entry in the checkpoint: reader, slide and well, never a path
 * @param sourceIdentity what the embryo id is the HMAC of, e.g. {@code miri:<slide>:P03}
 * @param displayLabel   slide and well only
 * @param producer       reader name and version
 * @param planes         its media by signed plane offset
 * @param kind           the export's format, for messages
 * @param frameSize      the frame size its format's frames have (videos and images)
 * @param annotationFile the sheet or file its annotation is in (or expected in), for messages
 */
record ExportUnit(String checkpointKey, String sourceIdentity, String displayLabel, String producer,
                  SortedMap<Integer, PlaneMedia> planes, FrameClock clock, GroundTruthLabels labels, ExportKind kind,
                  Optional<FrameSize> frameSize, Path annotationFile) {

    ExportUnit {
        planes = Collections.unmodifiableSortedMap(new TreeMap<>(planes));
    }

    /** The media of one plane: a file (video) or folder (images) and how to open its frames. */
    record PlaneMedia(Path location, Opener opener) {
    }

    @FunctionalInterface
    interface Opener {
        /** @param decoderThreads threads a video decoder may use (image folders decode on the caller) */
        FrameStream open(int decoderThreads) throws IOException;
    }
}
