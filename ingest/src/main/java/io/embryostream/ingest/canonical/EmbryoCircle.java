package io.embryostream.ingest.canonical;

/**
 * The located embryo: centre and outer zona radius, in pixels of the full-resolution input frame.
 */
public record EmbryoCircle(double centerX, double centerY, double radius) {

    public EmbryoCircle {
        if (!(radius > 0)) {
            throw new IllegalArgumentException("radius must be positive, got " + radius);
        }
    }

    /** The same circle in a frame scaled by {@code factor} (e.g. from a downscaled working copy back to full size). */
    public EmbryoCircle scaled(double factor) {
        return new EmbryoCircle(centerX * factor, centerY * factor, radius * factor);
    }
}
