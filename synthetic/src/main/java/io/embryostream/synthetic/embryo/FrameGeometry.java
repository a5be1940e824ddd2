package io.embryostream.synthetic.embryo;

import io.embryostream.frames.CanonicalFrame;

/**
 * Where the renderer puts the embryo: a {@code width}×{@code height} gray8 frame with the zona's outer rim
 * of radius {@code zonaRadiusPx} centred at ({@code centreX}, {@code centreY}) before drift.
 */
public record FrameGeometry(int width, int height, double centreX, double centreY, double zonaRadiusPx) {

    public FrameGeometry {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("frame must be at least 16x16, was " + width + "x" + height);
        }
        if (!(zonaRadiusPx >= 8)) {
            throw new IllegalArgumentException("zona radius must be at least 8 px, was " + zonaRadiusPx);
        }
    }

    /** The canonical frame: {@link CanonicalFrame#SIZE} square, zona radius {@link CanonicalFrame#ZONA_RADIUS_PX}, centred. */
    public static FrameGeometry canonical() {
        int s = CanonicalFrame.SIZE;
        return new FrameGeometry(s, s, s / 2.0, s / 2.0, CanonicalFrame.ZONA_RADIUS_PX);
    }

    public static FrameGeometry of(int width, int height, double centreX, double centreY, double zonaRadiusPx) {
        return new FrameGeometry(width, height, centreX, centreY, zonaRadiusPx);
    }
}
