package io.embryostream.synthetic.embryo;

/**
 * How one drawn object looks, in gray levels: its fill, granularity, the dark membrane line at its rim, the
 * Hoffman-style relief (bright on one side of the rim, dark on the other), and opacity.
 *
 * @param textureLevel  {@link GranuleTexture} level, by defocus
 * @param textureX      offset into the texture, so each object has its own granules
 */
record Look(float fill, float texture, int textureLevel, int textureX, int textureY, float rim, float relief, float opacity) {

    Look withOpacity(float o) {
        return new Look(fill, texture, textureLevel, textureX, textureY, rim, relief, o);
    }

    Look withTextureOffset(int x, int y) {
        return new Look(fill, texture, textureLevel, x, y, rim, relief, opacity);
    }
}
