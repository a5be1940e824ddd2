package io.embryostream.ingest.canonical;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.HOUGH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.HoughCircles;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point3f;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.Vec3fVector;

/**
 * Finds the embryo's zona pellucida in a gray8 frame: a Hough circle on a downscaled, blurred copy
 * gives the centre, then a radial edge profile around that centre gives the zona's outer radius
 * (Hough alone may lock onto the inner zona edge or the cytoplasm, which would change the crop's
 * scale from frame to frame).
 *
 * <p>Robustness: the minimum radius excludes the small curves of burned-in digits; blurring
 * removes sensor noise; Canny edges only react to sharp transitions, not to smooth illumination
 * gradients. Not thread-safe (reuses its working buffers); one instance per stream.
 */
public final class EmbryoLocator implements AutoCloseable {

    /**
     * Tuning of the search. Radii are fractions of the frame's shorter side.
     *
     * @param workingSide       the frame is downscaled so its shorter side is about this many pixels
     * @param minRadiusFraction smallest zona radius searched
     * @param maxRadiusFraction largest zona radius searched
     * @param cannyHigh         upper Canny threshold of the Hough gradient method (working scale)
     * @param accumulatorVotes  minimum Hough votes for a circle (working scale)
     */
    public record Settings(int workingSide, double minRadiusFraction, double maxRadiusFraction,
                           double cannyHigh, double accumulatorVotes) {

        /** MIRI (zona radius ≈ 0.22 of 720) and EmbryoScope (≈ 0.35 of 500) both fall in the default range. */
        public static Settings defaults() {
            return new Settings(240, 0.12, 0.46, 60, 20);
        }

        public Settings {
            if (workingSide < 64) {
                throw new IllegalArgumentException("workingSide must be at least 64, got " + workingSide);
            }
            if (!(minRadiusFraction > 0 && minRadiusFraction < maxRadiusFraction && maxRadiusFraction <= 0.5)) {
                throw new IllegalArgumentException("need 0 < minRadiusFraction < maxRadiusFraction <= 0.5, got "
                        + minRadiusFraction + ", " + maxRadiusFraction);
            }
            if (!(cannyHigh > 0 && accumulatorVotes > 0)) {
                throw new IllegalArgumentException("cannyHigh and accumulatorVotes must be positive, got "
                        + cannyHigh + ", " + accumulatorVotes);
            }
        }
    }

    private final Settings settings;
    private final ZonaEdgeProfile edgeProfile = new ZonaEdgeProfile();
    private final Mat small = new Mat();
    private final Mat blurred = new Mat();
    private byte[] blurredPixels = new byte[0];

    public EmbryoLocator() {
        this(Settings.defaults());
    }

    public EmbryoLocator(Settings settings) {
        this.settings = settings;
    }

    /**
     * Locates the embryo in {@code gray8} (8-bit, one channel, any size).
     *
     * @return the circle in {@code gray8}'s pixel coordinates, or empty when no circle with its
     *     centre inside the frame is found (blank frame, empty well)
     */
    public Optional<EmbryoCircle> locate(Mat gray8) {
        if (gray8.type() != CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit one-channel frame (CV_8UC1), got Mat type " + gray8.type());
        }
        int shortSide = Math.min(gray8.cols(), gray8.rows());
        double scale = Math.min(1.0, (double) settings.workingSide() / shortSide);
        try (PointerScope scope = new PointerScope()) {
            Mat working = gray8;
            if (scale < 1.0) {
                int w = (int) Math.round(gray8.cols() * scale);
                int h = (int) Math.round(gray8.rows() * scale);
                resize(gray8, small, new Size(w, h), 0, 0, INTER_AREA);
                working = small;
            }
            GaussianBlur(working, blurred, new Size(5, 5), 1.5);
            // Actual scale after rounding the working size, so coordinates map back exactly.
            double toFull = (double) gray8.cols() / blurred.cols();
            int workingShort = Math.min(blurred.cols(), blurred.rows());
            int minRadius = (int) Math.floor(settings.minRadiusFraction() * workingShort);
            int maxRadius = (int) Math.ceil(settings.maxRadiusFraction() * workingShort);
            Vec3fVector circles = new Vec3fVector();
            HoughCircles(blurred, circles, HOUGH_GRADIENT, 1, minRadius, settings.cannyHigh(),
                    settings.accumulatorVotes(), minRadius, maxRadius);
            // Circles come strongest first; take the strongest whose centre lies in the frame.
            for (long i = 0; i < circles.size(); i++) {
                Point3f c = circles.get(i);
                if (c.x() >= 0 && c.y() >= 0 && c.x() < blurred.cols() && c.y() < blurred.rows()) {
                    double outer = edgeProfile.outerRadius(pixelsOf(blurred), blurred.cols(), blurred.rows(),
                            c.x(), c.y(), c.z(), minRadius, maxRadius);
                    return Optional.of(new EmbryoCircle(c.x(), c.y(), outer).scaled(toFull));
                }
            }
            return Optional.empty();
        }
    }

    private byte[] pixelsOf(Mat continuousGray8) {
        int n = continuousGray8.cols() * continuousGray8.rows();
        if (blurredPixels.length != n) {
            blurredPixels = new byte[n];
        }
        continuousGray8.data().get(blurredPixels);
        return blurredPixels;
    }

    @Override
    public void close() {
        small.close();
        blurred.close();
    }
}
