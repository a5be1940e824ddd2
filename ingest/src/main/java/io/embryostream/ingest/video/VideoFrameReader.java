package io.embryostream.ingest.video;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a video file (.avi, .mp4, anything the bundled FFmpeg decodes) frame by frame as 8-bit
 * gray: FFmpeg converts to gray while decoding, so no colour frame is ever built. Decoding runs on
 * the calling thread unless {@link #open(Path, int)} asks for decoder threads.
 *
 * <p>A truncated file yields every frame that decodes, then {@link #nextFrame()} throws an
 * {@link UnreadableVideoException} saying how many of the declared frames were read, so a caller
 * publishes what there is and reports the rest. Damaged bytes inside a complete file are concealed by
 * FFmpeg, which returns the frame and only logs an error: {@link #decodeErrors()} counts those
 * frames, for the caller to report. Not thread-safe.
 *
 * <pre>{@code
 * try (VideoFrameReader video = VideoFrameReader.open(path)) {
 *     for (Optional<Frame> f = video.nextFrame(); f.isPresent(); f = video.nextFrame()) {
 *         byte[] canonical = preprocessor.process(f.get());
 *     }
 * }
 * }</pre>
 */
public final class VideoFrameReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VideoFrameReader.class);

    static {
        FfmpegLogLevel.quiet();
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final OptionalInt declaredFrames;
    private final DecodeErrors decodeErrors;
    private int framesRead;
    private boolean ended;

    private VideoFrameReader(Path file, FFmpegFrameGrabber grabber, OptionalInt declaredFrames, DecodeErrors decodeErrors) {
        this.file = file;
        this.grabber = grabber;
        this.declaredFrames = declaredFrames;
        this.decodeErrors = decodeErrors;
    }

    /** Opens {@code file} and reads its header; decodes on the calling thread. */
    public static VideoFrameReader open(Path file) throws UnreadableVideoException {
        return open(file, 1);
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @param decoderThreads FFmpeg decoding threads (frame threading; FFV1 and MPEG-4 support it).
     *     1 decodes on the calling thread: right when as many videos are read at once as there are
     *     cores, since more threads would only add frame buffers and context switches. More helps
     *     when fewer videos than cores are open. Slice threads only: a frame thread would log the
     *     video's decoding errors where {@link #decodeErrors()} cannot count them.
     */
    public static VideoFrameReader open(Path file, int decoderThreads) throws UnreadableVideoException {
        if (decoderThreads < 1) {
            throw new IllegalArgumentException("decoderThreads must be at least 1, was " + decoderThreads);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UnreadableVideoException(file, "no such readable file", null);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
        grabber.setVideoOption("threads", Integer.toString(decoderThreads));
        grabber.setVideoOption("thread_type", "slice");
        DecodeErrors decodeErrors = new DecodeErrors();
        List<String> opening = new ArrayList<>();
        try {
            DecodeErrorLog.listening(opening::add, () -> {
                grabber.start();
                return null;
            });
        } catch (FFmpegFrameGrabber.Exception e) {
            closeAfterFailure(grabber);
            throw new UnreadableVideoException(file, "FFmpeg cannot open it as a video (" + e.getMessage()
                    + "); is it a complete .avi/.mp4 file? A file cut short before its index is unreadable: re-export it", e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeAfterFailure(grabber);
            throw new UnreadableVideoException(file, "the file has no video stream", null);
        }
        decodeErrors.record(0, opening);
        return new VideoFrameReader(file, grabber, declaredFrameCount(grabber.getFormatContext()), decodeErrors);
    }

    /** Frame width in pixels. */
    public int width() {
        return grabber.getImageWidth();
    }

    /** Frame height in pixels. */
    public int height() {
        return grabber.getImageHeight();
    }

    /** Frames per second as the container states it. */
    public double frameRate() {
        return grabber.getVideoFrameRate();
    }

    /**
     * The number of frames the container declares (AVI header, MP4 sample table), empty when it
     * declares none. Not estimated from the duration: a guess would report false truncations.
     */
    public OptionalInt frameCount() {
        return declaredFrames;
    }

    /** Frames returned so far. */
    public int framesRead() {
        return framesRead;
    }

    /** The frames returned so far that FFmpeg decoded with errors. */
    public DecodeErrors decodeErrors() {
        return decodeErrors;
    }

    /**
     * The next frame as gray8 (one channel, {@code imageStride} may exceed the width). The frame and
     * its buffer belong to the reader and are overwritten by the next call: copy what you keep.
     *
     * @return the frame, or empty at the end of the video
     * @throws UnreadableVideoException when decoding fails, or at the end when fewer frames decoded
     *     than the file declares (truncated file); the frames already returned are good
     */
    public Optional<Frame> nextFrame() throws UnreadableVideoException {
        if (ended) {
            return Optional.empty();
        }
        Frame frame;
        List<String> errors = new ArrayList<>(0);
        try {
            frame = DecodeErrorLog.listening(errors::add, grabber::grabImage);
        } catch (FFmpegFrameGrabber.Exception e) {
            ended = true;
            throw new UnreadableVideoException(file, "decoding failed after " + framesRead + " frames ("
                    + e.getMessage() + "); the file is damaged: re-export it or keep the frames read so far", e);
        }
        if (frame == null) {
            ended = true;
            decodeErrors.record(0, errors);
            if (declaredFrames.isPresent() && framesRead < declaredFrames.getAsInt()) {
                throw new UnreadableVideoException(file, "truncated: decoded " + framesRead + " of the "
                        + declaredFrames.getAsInt() + " frames it declares; copy the complete file again", null);
            }
            log.debug("{}: end after {} frames", file, framesRead);
            return Optional.empty();
        }
        framesRead++;
        decodeErrors.record(framesRead, errors);
        return Optional.of(frame);
    }

    /**
     * The next frame copied into a new row-major gray8 array of {@code width*height} bytes.
     *
     * @return the pixels, or empty at the end of the video
     * @throws UnreadableVideoException as {@link #nextFrame()}
     */
    public Optional<byte[]> nextGray() throws UnreadableVideoException {
        Optional<Frame> next = nextFrame();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Frame frame = next.get();
        int width = frame.imageWidth;
        byte[] gray8 = new byte[width * frame.imageHeight];
        ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
        for (int y = 0; y < frame.imageHeight; y++) {
            source.position(y * frame.imageStride);
            source.get(gray8, y * width, width);
        }
        return Optional.of(gray8);
    }

    @Override
    public void close() throws UnreadableVideoException {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(file, "FFmpeg failed to release the file: " + e.getMessage(), e);
        }
    }

    private static OptionalInt declaredFrameCount(AVFormatContext context) {
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && stream.nb_frames() > 0) {
                return OptionalInt.of((int) stream.nb_frames());
            }
        }
        return OptionalInt.empty();
    }

    private static void closeAfterFailure(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            log.debug("closing a grabber that failed to start", e);
        }
    }
}
