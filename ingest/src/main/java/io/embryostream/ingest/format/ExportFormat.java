package io.embryostream.ingest.format;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.WellAnnotation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the ingest knows of one vendor's export layout, all in one place: which folder entries mark
 * an export of it, its wells and their media per focal plane, the identity an embryo id is hashed
 * from, and the clock of its frames. One implementation per vendor package; the ingest itself holds
 * no vendor knowledge.
 */
public interface ExportFormat {

    ExportKind kind();

    /** Whether this entry of a folder (a sheet file, a plane folder) shows the folder holds an export of this format. */
    boolean marks(Path entry);

    /**
     * Lists the wells of the export in {@code folder}, which {@link #marks} showed to be one: a sheet
     * that cannot be read is rejected in the inventory and the rest still listed.
     */
    ExportInventory inventory(Path folder) throws IOException;

    /** Who a well is, as published: its checkpoint entry, what its embryo id is the HMAC of, and its label. */
    ExportEmbryo embryo(ExportWell well);

    /**
     * Refuses options this format cannot do without, before anything is read.
     *
     * @throws IllegalArgumentException naming the missing option
     */
    default void check(OptionalDouble frameIntervalMinutes) {
    }

    /**
     * The hours of a well's frames.
     *
     * @param frameIntervalMinutes the operator's {@code --frame-interval-minutes}, where given
     * @throws ExportFormatException naming the file when the well's frames have no usable hours: the
     *                               well is skipped
     */
    WellClock clock(Path root, ExportWell well, OptionalDouble frameIntervalMinutes) throws ExportFormatException;

    /** The annotation as the labels are read from it: on the frame axis or in hours ({@link WellAnnotation#unit()}). */
    default WellAnnotation labelAxis(WellAnnotation annotation) {
        return annotation;
    }

    /** Whether a plane's media are one video (MIRI, EmbryoScope) or a sequence of images (Gomez). */
    MediaKind media();

    /**
     * The frame size every frame of this format has (FORMATS.md): checked against each video's header
     * before its frames are published, and against each image of a sequence as it is read.
     */
    default Optional<FrameSize> frameSize() {
        return Optional.empty();
    }

    /** The frame number of an image of a sequence ({@link MediaKind#IMAGES}), empty for a name that is none. */
    default OptionalInt frameNumber(Path image) {
        return OptionalInt.empty();
    }

    /** The sheet or file a well's annotation is expected in, for messages. */
    Path annotationFile(Path root, ExportWell well);

    /** The media name the well would have in {@code plane}, relative to the export folder, for messages. */
    String expectedMedia(ExportWell well, int plane);

    /** How a plane's frames are stored. */
    enum MediaKind {
        VIDEO("video"),
        IMAGES("image folder");

        private final String word;

        MediaKind(String word) {
            this.word = word;
        }

        /** As messages name it. */
        public String word() {
            return word;
        }
    }

    /**
     * The hours of a well's frames.
     *
     * @param note what the operator should know (e.g. a nominal interval used for a missing time file)
     */
    record WellClock(FrameClock clock, Optional<String> note) {

        public static WellClock of(FrameClock clock) {
            return new WellClock(clock, Optional.empty());
        }
    }
}
