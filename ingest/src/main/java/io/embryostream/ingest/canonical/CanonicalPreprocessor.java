package io.embryostream.ingest.canonical;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.embryostream.frames.CanonicalFrame;
import java.util.Optional;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The one path from any incubator or export frame to the canonical frame
 * ({@link CanonicalFrame#SIZE}×{@link CanonicalFrame#SIZE} gray8, embryo centred, zona radius
 * {@link CanonicalFrame#ZONA_RADIUS_PX}). Every publisher (video and image readers, the synthetic
 * incubator's checks, export-dataset) goes through this class so training and serving see the
 * same pixels.
 *
 * <p>One instance per stream of frames of the same embryo seen the same way: one well and focal
 * plane of one video, or one embryo's folder of images. It locates the embryo on the first frame and
 * re-checks every {@code recheckEvery} frames (see {@link CircleTracker}). Not thread-safe; close it
 * when the stream ends (it holds native buffers).
 *
 * <pre>{@code
 * try (CanonicalPreprocessor pre = new CanonicalPreprocessor("MTL-0130-0EFD-D6E0-[37] P03 FP3")) {
 *     byte[] canonical = pre.process(gray8, width, height);   // 256*256 bytes
 *     byte[] png = CanonicalPng.encode(canonical);
 * }
 * }</pre>
 */
public final class CanonicalPreprocessor implements AutoCloseable {

    /** Re-check every 12 frames: one hour at MIRI's 5-minute interval, 2–4 hours on EmbryoScope. */
    public static final int DEFAULT_RECHECK_EVERY = 12;

    private final EmbryoLocator locator;
    private final CanonicalCropper cropper = new CanonicalCropper();
    private final CircleTracker tracker;
    private final OpenCVFrameConverter.ToMat frameConverter = new OpenCVFrameConverter.ToMat();
    private final Mat wrapped = new Mat();
    private final Mat converted = new Mat();

    /**
     * @param stream name of the stream, for logs and errors (e.g. slide id, well and plane; never a patient identity)
     */
    public CanonicalPreprocessor(String stream) {
        this(stream, DEFAULT_RECHECK_EVERY, EmbryoLocator.Settings.defaults());
    }

    public CanonicalPreprocessor(String stream, int recheckEvery, EmbryoLocator.Settings settings) {
        this.locator = new EmbryoLocator(settings);
        this.tracker = new CircleTracker(stream, locator, recheckEvery);
    }

    /**
     * @param gray8 row-major 8-bit gray pixels, {@code width*height} bytes (not kept)
     * @return a new canonical frame, {@code SIZE*SIZE} bytes
     * @throws EmbryoNotFoundException when no embryo has been found yet in this stream (skip the frame)
     */
    public byte[] process(byte[] gray8, int width, int height) throws EmbryoNotFoundException {
        if (width <= 0 || height <= 0 || gray8.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " = " + (long) width * height
                    + " gray8 bytes, got " + gray8.length);
        }
        wrapped.create(height, width, CV_8UC1);
        wrapped.data().put(gray8);
        return process(wrapped);
    }

    /**
     * @param image 8-bit gray, BGR or BGRA Mat (not modified)
     * @return a new canonical frame, {@code SIZE*SIZE} bytes
     * @throws EmbryoNotFoundException when no embryo has been found yet in this stream (skip the frame)
     */
    public byte[] process(Mat image) throws EmbryoNotFoundException {
        Mat gray8 = toGray(image);
        EmbryoCircle circle = tracker.circleFor(gray8);
        byte[] out = new byte[CanonicalFrame.SIZE * CanonicalFrame.SIZE];
        cropper.crop(gray8, circle, out);
        return out;
    }

    /**
     * @param frame a JavaCV video frame (gray8 as {@code VideoFrameReader} yields it, or BGR), not kept
     * @return a new canonical frame, {@code SIZE*SIZE} bytes
     * @throws EmbryoNotFoundException when no embryo has been found yet in this stream (skip the frame)
     */
    public byte[] process(Frame frame) throws EmbryoNotFoundException {
        Mat view = frameConverter.convert(frame);
        if (view == null) {
            throw new IllegalArgumentException("frame carries no image (audio or empty frame)");
        }
        return process(view);
    }

    /** The circle used for the latest frame, in that frame's pixels; empty until one is found. */
    public Optional<EmbryoCircle> currentCircle() {
        return tracker.current();
    }

    public LocatorStats stats() {
        return tracker.stats();
    }

    private Mat toGray(Mat image) {
        if (image.depth() != CV_8U) {
            throw new IllegalArgumentException("expected 8-bit pixels, got OpenCV depth " + image.depth());
        }
        return switch (image.channels()) {
            case 1 -> image;
            case 3 -> convert(image, COLOR_BGR2GRAY);
            case 4 -> convert(image, COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("expected 1, 3 or 4 channels, got " + image.channels());
        };
    }

    private Mat convert(Mat image, int code) {
        cvtColor(image, converted, code);
        return converted;
    }

    @Override
    public void close() {
        locator.close();
        cropper.close();
        frameConverter.close();
        wrapped.close();
        converted.close();
    }
}
