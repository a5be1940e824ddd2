package io.embryostream.ingest.canonical;

/**
 * Finds the zona's outer edge around a known centre from the mean radial intensity change on
 * circles of growing radius. The zona shows as two or more concentric edges (outer and inner
 * zona boundary, the cytoplasm); the outer radius is the outermost edge at least half as strong as
 * the strongest one, so a faint halo of medium does not win but the outer zona boundary does.
 */
final class ZonaEdgeProfile {

    private static final int ANGLES = 180;
    private static final double RADIUS_STEP = 0.5;
    /** Search band around the Hough radius: the Hough circle may be the inner zona edge or the cytoplasm. */
    private static final double BAND_LOW = 0.75;
    private static final double BAND_HIGH = 1.4;
    private static final double RELATIVE_STRENGTH = 0.5;

    private final double[] cos = new double[ANGLES];
    private final double[] sin = new double[ANGLES];

    ZonaEdgeProfile() {
        for (int a = 0; a < ANGLES; a++) {
            cos[a] = Math.cos(2 * Math.PI * a / ANGLES);
            sin[a] = Math.sin(2 * Math.PI * a / ANGLES);
        }
    }

    /**
     * @param pixels     row-major gray8 image, {@code width}×{@code height}
     * @param houghRadius radius of the Hough circle at this image's scale
     * @return outer zona radius at this image's scale; the Hough radius when no edge stands out
     */
    double outerRadius(byte[] pixels, int width, int height, double cx, double cy, double houghRadius,
                       double minRadius, double maxRadius) {
        double from = Math.max(minRadius, houghRadius * BAND_LOW);
        double to = Math.min(maxRadius, houghRadius * BAND_HIGH);
        int steps = (int) Math.floor((to - from) / RADIUS_STEP) + 1;
        if (steps < 3) {
            return houghRadius;
        }
        double[] strength = new double[steps];
        double strongest = 0;
        for (int i = 0; i < steps; i++) {
            strength[i] = meanRadialChange(pixels, width, height, cx, cy, from + i * RADIUS_STEP);
            strongest = Math.max(strongest, strength[i]);
        }
        if (strongest <= 0) {
            return houghRadius;
        }
        for (int i = steps - 2; i >= 1; i--) {
            boolean peak = strength[i] >= strength[i - 1] && strength[i] >= strength[i + 1];
            if (peak && strength[i] >= RELATIVE_STRENGTH * strongest) {
                return from + i * RADIUS_STEP;
            }
        }
        return houghRadius;
    }

    /** Mean |I(r+1) − I(r−1)| over the circle, ignoring samples outside the image (frame edges). */
    private double meanRadialChange(byte[] pixels, int width, int height, double cx, double cy, double r) {
        double sum = 0;
        int count = 0;
        for (int a = 0; a < ANGLES; a++) {
            double outside = sample(pixels, width, height, cx + (r + 1) * cos[a], cy + (r + 1) * sin[a]);
            double inside = sample(pixels, width, height, cx + (r - 1) * cos[a], cy + (r - 1) * sin[a]);
            if (outside >= 0 && inside >= 0) {
                sum += Math.abs(outside - inside);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Bilinear sample, or −1 outside the image. */
    private static double sample(byte[] pixels, int width, int height, double x, double y) {
        if (x < 0 || y < 0 || x > width - 1 || y > height - 1) {
            return -1;
        }
        int x0 = Math.min((int) x, width - 2);
        int y0 = Math.min((int) y, height - 2);
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * width + x0;
        double top = (pixels[i] & 0xFF) * (1 - fx) + (pixels[i + 1] & 0xFF) * fx;
        double bottom = (pixels[i + width] & 0xFF) * (1 - fx) + (pixels[i + width + 1] & 0xFF) * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
