package io.embryostream.ingest.canonical;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.embryostream.frames.CanonicalFrame;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts the canonical square around a located embryo: side {@link CanonicalFrame#CROP_SIDE_PER_RADIUS}
 * × radius, centred on the circle, resized with area interpolation to
 * {@link CanonicalFrame#SIZE}×{@link CanonicalFrame#SIZE} gray8. Where the square leaves the frame it
 * is padded with the mean of the crop's in-frame border pixels (the medium next to the gap), so the
 * padding does not draw a new edge. Not thread-safe (reuses its buffers).
 */
final class CanonicalCropper implements AutoCloseable {

    private final Mat padded = new Mat();
    private final Mat canonical = new Mat(CanonicalFrame.SIZE, CanonicalFrame.SIZE, CV_8UC1);

    /**
     * Writes the canonical frame of {@code gray8} around {@code circle} into {@code out}
     * ({@code SIZE*SIZE} bytes, row-major).
     *
     * @throws IllegalArgumentException when the crop square does not overlap the frame at all
     */
    public void crop(Mat gray8, EmbryoCircle circle, byte[] out) {
        int size = CanonicalFrame.SIZE;
        if (out.length != size * size) {
            throw new IllegalArgumentException("output must hold " + size * size + " bytes, has " + out.length);
        }
        int side = Math.max(1, (int) Math.round(CanonicalFrame.CROP_SIDE_PER_RADIUS * circle.radius()));
        int x0 = (int) Math.round(circle.centerX() - side / 2.0);
        int y0 = (int) Math.round(circle.centerY() - side / 2.0);
        int ix0 = Math.max(0, x0);
        int iy0 = Math.max(0, y0);
        int ix1 = Math.min(gray8.cols(), x0 + side);
        int iy1 = Math.min(gray8.rows(), y0 + side);
        if (ix1 <= ix0 || iy1 <= iy0) {
            throw new IllegalArgumentException("crop square of side " + side + " at (" + x0 + "," + y0
                    + ") lies outside the " + gray8.cols() + "x" + gray8.rows() + " frame; circle " + circle);
        }
        try (PointerScope scope = new PointerScope()) {
            Mat inside = new Mat(gray8, new Rect(ix0, iy0, ix1 - ix0, iy1 - iy0));
            Mat source = inside;
            if (ix1 - ix0 != side || iy1 - iy0 != side) {
                padded.create(side, side, CV_8UC1);
                padded.put(new Scalar(borderMean(inside)));
                inside.copyTo(new Mat(padded, new Rect(ix0 - x0, iy0 - y0, ix1 - ix0, iy1 - iy0)));
                source = padded;
            }
            resize(source, canonical, new Size(size, size), 0, 0, INTER_AREA);
            canonical.data().get(out);
        }
    }

    /** Mean of the outermost rows and columns of {@code region}. */
    private static double borderMean(Mat region) {
        int w = region.cols();
        int h = region.rows();
        Rect[] edges = h > 1 && w > 1
                ? new Rect[] {new Rect(0, 0, w, 1), new Rect(0, h - 1, w, 1), new Rect(0, 0, 1, h), new Rect(w - 1, 0, 1, h)}
                : new Rect[] {new Rect(0, 0, w, h)};
        double sum = 0;
        long count = 0;
        for (Rect edge : edges) {
            long n = (long) edge.width() * edge.height();
            sum += mean(new Mat(region, edge)).get(0) * n;
            count += n;
        }
        return sum / count;
    }

    @Override
    public void close() {
        padded.close();
        canonical.close();
    }
}
