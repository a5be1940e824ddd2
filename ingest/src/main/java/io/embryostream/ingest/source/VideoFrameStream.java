package io.embryostream.ingest.source;

import io.embryostream.ingest.format.FrameSize;

import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoNotFoundException;
import io.embryostream.ingest.video.VideoFrameReader;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.util.Optional;

/** A video's frames, numbered 1, 2, … in decoding order. */
final class VideoFrameStream implements FrameStream {

    private final VideoFrameReader reader;
    private final String ref;
    private Frame current;

    VideoFrameStream(VideoFrameReader reader, String ref) {
        this.reader = reader;
        this.ref = ref;
    }

    @Override
    public boolean next() throws IOException {
        Optional<Frame> frame = reader.nextFrame();
        current = frame.orElse(null);
        return frame.isPresent();
    }

    @Override
    public int frame() {
        return reader.framesRead();
    }

    @Override
    public String sourceRef() {
        return ref + "#frame=" + frame();
    }

    @Override
    public byte[] canonical(CanonicalPreprocessor preprocessor) throws EmbryoNotFoundException {
        return preprocessor.process(current);
    }

    @Override
    public Header header() {
        return new Header(Optional.of(new FrameSize(reader.width(), reader.height())), reader.frameCount());
    }

    @Override
    public Optional<String> damage() {
        return reader.decodeErrors().describe(reader.framesRead());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
