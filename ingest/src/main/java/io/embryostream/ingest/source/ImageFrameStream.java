package io.embryostream.ingest.source;

import io.embryostream.ingest.format.FrameSize;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import java.util.Optional;
import java.util.OptionalInt;

import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoNotFoundException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/** A folder of images of one embryo and plane, numbered by the source (Gomez: the number after RUN). */
final class ImageFrameStream implements FrameStream {

    private final Path root;
    private final Iterator<Map.Entry<Integer, Path>> frames;
    private final OptionalInt lastFrame;
    private final Optional<FrameSize> frameSize;
    private final String formatName;
    private final SortedSet<Integer> missing = new TreeSet<>();
    private int frame;
    private Path file;
    private BufferedImage current;

    /**
     * @param frameSize  the size every image of the format has; an image of another size is skipped and reported
     * @param formatName the format, for that report
     */
    ImageFrameStream(Path root, SortedMap<Integer, Path> framesByNumber, Optional<FrameSize> frameSize, String formatName) {
        this.root = root;
        this.frames = framesByNumber.entrySet().iterator();
        this.lastFrame = framesByNumber.isEmpty() ? OptionalInt.empty() : OptionalInt.of(framesByNumber.lastKey());
        this.frameSize = frameSize;
        this.formatName = formatName;
    }

    @Override
    public Header header() {
        return new Header(Optional.empty(), lastFrame);
    }

    @Override
    public boolean next() throws IOException {
        if (!frames.hasNext()) {
            return false;
        }
        Map.Entry<Integer, Path> next = frames.next();
        for (int gap = frame + 1; gap < next.getKey(); gap++) {
            missing.add(gap);
        }
        frame = next.getKey();
        file = next.getValue();
        current = null;
        BufferedImage image;
        try {
            image = ImageFrames.readGray(file);
        } catch (IOException e) {
            throw new SkippedFrameException(e.getMessage(), e);
        }
        if (frameSize.isPresent() && (image.getWidth() != frameSize.get().width() || image.getHeight() != frameSize.get().height())) {
            throw new SkippedFrameException("a " + image.getWidth() + "x" + image.getHeight() + " image where " + formatName
                    + " frames are " + frameSize.get() + " (another camera's or a resized copy); not published — copy the"
                    + " original frame again", null);
        }
        current = image;
        return true;
    }

    @Override
    public int frame() {
        return frame;
    }

    @Override
    public String sourceRef() {
        return SourceRefs.relative(root, file);
    }

    /** The file of the current frame (for error reports). */
    Path file() {
        return file;
    }

    @Override
    public byte[] canonical(CanonicalPreprocessor preprocessor) throws EmbryoNotFoundException {
        return preprocessor.process(ImageFrames.pixels(current), current.getWidth(), current.getHeight());
    }

    /** Frame numbers missing between the first image and the last (a sequence with a hole). */
    @Override
    public SortedSet<Integer> missingFrames() {
        return Collections.unmodifiableSortedSet(missing);
    }

    @Override
    public void close() {
        current = null;
    }
}
