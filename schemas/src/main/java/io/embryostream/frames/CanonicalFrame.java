package io.embryostream.frames;

/**
 * The one geometry every frame is brought to before it is published: a square crop centred on
 * the located embryo, its side {@link #CROP_SIDE_PER_RADIUS} times the zona's outer radius (so
 * the whole zona and a thin margin of medium are kept, and burned-in text at the frame's corners
 * is cut away), resized to {@link #SIZE}×{@link #SIZE} 8-bit gray. The synthetic incubator renders
 * directly into this geometry; every reader reaches it through the ingest's locate/crop path.
 */
public final class CanonicalFrame {

    /** Side of the canonical frame in pixels. */
    public static final int SIZE = 256;

    /** Crop side as a multiple of the zona's outer radius (2 × 1.15: a 15% margin around the zona). */
    public static final double CROP_SIDE_PER_RADIUS = 2.3;

    /** Zona outer radius in canonical pixels that follows from the crop rule. */
    public static final double ZONA_RADIUS_PX = SIZE / CROP_SIDE_PER_RADIUS;

    private CanonicalFrame() {
    }
}
