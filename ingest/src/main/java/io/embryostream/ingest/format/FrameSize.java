package io.embryostream.ingest.format;

/** A frame's size in pixels, as a format's videos have it (MIRI 1280×720, EmbryoScope 500×500). */
public record FrameSize(int width, int height) {

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
