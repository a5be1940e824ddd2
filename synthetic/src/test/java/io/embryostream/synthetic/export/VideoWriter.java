package io.embryostream.synthetic.export;

import io.embryostream.ingest.video.FfmpegLogLevel;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes gray8 frames of one size to a video file, the codec chosen by the file's extension:
 * <ul>
 *   <li>{@code .avi}: FFV1, lossless, stored as gray (no colour planes), what the bundled FFmpeg has
 *   that every FFmpeg reads back bit-exact;</li>
 *   <li>{@code .mp4}: MPEG-4 Part 2 at the finest quantizer (the bundled FFmpeg has no libx264;
 *   libopenh264 is there but rate-controlled and blurrier), yuv420p so common players open it.
 *   Lossy: a few gray levels of error; width and height must be even.</li>
 * </ul>
 * Not thread-safe.
 */
public final class VideoWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VideoWriter.class);

    static {
        FfmpegLogLevel.quiet();
    }

    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width;
    private final int height;
    private int framesWritten;

    /**
     * Creates (or replaces) {@code file}.
     *
     * @throws IllegalArgumentException for an extension other than .avi/.mp4, or odd sizes for .mp4
     * @throws VideoWriteException when FFmpeg cannot create the file
     */
    public VideoWriter(Path file, int width, int height, double framesPerSecond) throws VideoWriteException {
        if (width <= 0 || height <= 0 || !(framesPerSecond > 0)) {
            throw new IllegalArgumentException("need a positive size and frame rate, got " + width + "x" + height
                    + " at " + framesPerSecond + " fps");
        }
        this.file = file;
        this.width = width;
        this.height = height;
        this.recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFrameRate(framesPerSecond);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".avi")) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(AV_CODEC_ID_FFV1);
            recorder.setPixelFormat(AV_PIX_FMT_GRAY8);
        } else if (name.endsWith(".mp4")) {
            if (width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("MPEG-4 needs even sizes, got " + width + "x" + height
                        + "; write .avi (FFV1) instead");
            }
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setVideoQuality(1); // qscale 1: the finest MPEG-4 quantizer
        } else {
            throw new IllegalArgumentException(file + ": unsupported extension; write .avi (lossless FFV1) or .mp4 (MPEG-4)");
        }
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            releaseAfterFailure();
            throw new VideoWriteException(file, "FFmpeg cannot create the video (" + e.getMessage()
                    + "); check the folder exists and is writable", e);
        }
        this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 1);
    }

    /** Appends one frame of {@code width*height} row-major gray8 bytes. */
    public void write(byte[] gray8) throws VideoWriteException {
        if (gray8.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " = " + width * height
                    + " gray8 bytes, got " + gray8.length);
        }
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            buffer.position(y * frame.imageStride);
            buffer.put(gray8, y * width, width);
        }
        buffer.rewind();
        try {
            recorder.record(frame, AV_PIX_FMT_GRAY8);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new VideoWriteException(file, "encoding frame " + framesWritten + " failed: " + e.getMessage(), e);
        }
        framesWritten++;
    }

    /** Frames appended so far. */
    public int framesWritten() {
        return framesWritten;
    }

    /** Flushes the encoder and writes the container's index; the file is complete only after this. */
    @Override
    public void close() throws VideoWriteException {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new VideoWriteException(file, "finishing the video failed (" + e.getMessage()
                    + "); the file is incomplete: write it again", e);
        } finally {
            frame.close();
        }
    }

    private void releaseAfterFailure() {
        try {
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            log.debug("{}: releasing a recorder that failed to start", file, e);
        }
    }
}
