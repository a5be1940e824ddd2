package io.embryostream.synthetic.embryo;

/**
 * Draws soft-edged textured ellipses into a float canvas, back to front. The radial profiles (coverage,
 * membrane line, relief) are tabulated against squared normalised radius for each edge softness, so the
 * inner loop is a few multiply-adds and table reads per pixel.
 */
final class Painter {

    /** Table entries per unit of squared normalised radius; tables cover s² ∈ [0, 4). */
    private static final int SCALE = 1024;
    private static final int ENTRIES = 4 * SCALE;
    /** Edge softness (edge half-width / radius) is tabulated in steps of 0.01 up to 0.4. */
    private static final int SOFT_LEVELS = 41;
    private static final float[][] COVERAGE = new float[SOFT_LEVELS][ENTRIES];
    private static final float[][] MEMBRANE = new float[SOFT_LEVELS][ENTRIES];
    private static final float[][] RELIEF = new float[SOFT_LEVELS][ENTRIES];
    /** Shading direction of the modulation-contrast optics: light from the upper left. */
    private static final float LIGHT_X = -0.7071f;
    private static final float LIGHT_Y = -0.7071f;

    static {
        for (int level = 0; level < SOFT_LEVELS; level++) {
            double w = Math.max(0.012, level / 100.0);
            double sharpness = 1 / (1 + 12 * w);
            for (int k = 0; k < ENTRIES; k++) {
                double s = Math.sqrt((k + 0.5) / SCALE);
                double t = Math.min(1, Math.max(0, (1 + w - s) / (2 * w)));
                COVERAGE[level][k] = (float) (t * t * (3 - 2 * t));
                double m = (s - (1 - w)) / (0.6 * w + 0.012);
                MEMBRANE[level][k] = (float) (-Math.exp(-m * m) * sharpness);
                double h = (s - 1) / (w + 0.06);
                RELIEF[level][k] = (float) (Math.exp(-h * h) * sharpness);
            }
        }
    }

    private final float[] canvas;
    private final int width;
    private final int height;

    Painter(float[] canvas, int width, int height) {
        this.canvas = canvas;
        this.width = width;
        this.height = height;
    }

    void fill(float[] background) {
        System.arraycopy(background, 0, canvas, 0, background.length);
    }

    /** A circle; see {@link #ellipse}. */
    void disc(double cx, double cy, double r, double blurPx, Look look) {
        ellipse(cx, cy, r, r, 0, blurPx, look);
    }

    /**
     * An ellipse with semi-axes {@code rx}, {@code ry} (pixels) turned by {@code angle}, its edge softened over
     * about {@code blurPx} pixels (defocus).
     */
    void ellipse(double cx, double cy, double rx, double ry, double angle, double blurPx, Look look) {
        if (rx < 0.5 || ry < 0.5 || look.opacity() <= 0) {
            return;
        }
        double rMin = Math.min(rx, ry);
        int level = (int) Math.min(SOFT_LEVELS - 1, Math.round(100 * blurPx / rMin));
        double w = Math.max(0.012, level / 100.0);
        double reach = Math.max(rx, ry) * (1 + w) + 1;
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + reach));
        float limit = (float) Math.min(3.99, (1 + w) * (1 + w));
        float cos = (float) Math.cos(angle);
        float sin = (float) Math.sin(angle);
        float uX = (float) (cos / rx), uY = (float) (sin / rx);
        float vX = (float) (-sin / ry), vY = (float) (cos / ry);
        float[] coverage = COVERAGE[level];
        float[] membrane = MEMBRANE[level];
        float[] relief = RELIEF[level];
        float[] texture = GranuleTexture.level(look.textureLevel());
        float fill = look.fill(), tex = look.texture(), rim = look.rim(), opacity = look.opacity();
        float lightScale = (float) (look.relief() / rMin);
        int mask = GranuleTexture.MASK;
        for (int y = y0; y <= y1; y++) {
            float dy = (float) (y - cy);
            float dx0 = (float) (x0 - cx);
            float u = dx0 * uX + dy * uY;
            float v = dx0 * vX + dy * vY;
            float light = (dx0 * LIGHT_X + dy * LIGHT_Y) * lightScale;
            int row = y * width;
            int texRow = ((y + look.textureY()) & mask) * GranuleTexture.SIZE;
            for (int x = x0; x <= x1; x++, u += uX, v += vX, light += LIGHT_X * lightScale) {
                float s2 = u * u + v * v;
                if (s2 >= limit) {
                    continue;
                }
                int k = (int) (s2 * SCALE);
                float value = fill + tex * texture[texRow + ((x + look.textureX()) & mask)]
                        + rim * membrane[k] + light * relief[k];
                int i = row + x;
                canvas[i] += opacity * coverage[k] * (value - canvas[i]);
            }
        }
    }
}
