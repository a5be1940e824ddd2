package io.embryostream.ingest.source;

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
    private int frame;
    private Path file;
    private BufferedImage current;

    ImageFrameStream(Path root, SortedMap<Integer, Path> framesByNumber) {
        this.root = root;
        this.frames = framesByNumber.entrySet().iterator();
        this.lastFrame = framesByNumber.isEmpty() ? OptionalInt.empty() : OptionalInt.of(framesByNumber.lastKey());
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
        frame = next.getKey();
        file = next.getValue();
        current = null;
        try {
            current = ImageFrames.readGray(file);
        } catch (IOException e) {
            throw new SkippedFrameException(e.getMessage(), e);
        }
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

    @Override
    public void close() {
        current = null;
    }
}
