package io.embryostream.ingest.video;

import io.embryostream.synthetic.export.VideoWriteException;
import io.embryostream.synthetic.export.VideoWriter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import io.embryostream.ingest.canonical.SyntheticEmbryoFrame;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoRoundTripTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int FRAMES = 24;

    @TempDir
    Path dir;

    @Test
    void aviIsLosslessWhenReadBackByAPlainFfmpegGrabber() throws Exception {
        List<byte[]> written = writeWithVideoWriter(dir.resolve("P01-FP3.avi"));

        List<byte[]> read = readWithPlainGrabber(dir.resolve("P01-FP3.avi"));

        assertThat(read).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(read.get(i)).as("frame %d", i).isEqualTo(written.get(i));
        }
    }

    @Test
    void mp4StaysWithinAFewGrayLevelsWhenReadBackByAPlainFfmpegGrabber() throws Exception {
        List<byte[]> written = writeWithVideoWriter(dir.resolve("P01-FP3.mp4"));

        List<byte[]> read = readWithPlainGrabber(dir.resolve("P01-FP3.mp4"));

        assertThat(read).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(meanAbsoluteError(read.get(i), written.get(i))).as("frame %d", i).isLessThan(3.0);
        }
    }

    @Test
    void readerDecodesAnMjpegAviWrittenByAPlainFfmpegRecorder() throws Exception {
        Path file = dir.resolve("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi");
        List<byte[]> written = new ArrayList<>();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
             Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 1)) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(AV_PIX_FMT_YUVJ420P);
            recorder.setVideoQuality(2);
            recorder.setFrameRate(12);
            recorder.start();
            for (int i = 0; i < FRAMES; i++) {
                byte[] pixels = scene(i);
                written.add(pixels);
                fill(frame, pixels);
                recorder.record(frame, AV_PIX_FMT_GRAY8);
            }
        }

        try (VideoFrameReader reader = VideoFrameReader.open(file)) {
            assertThat(reader.width()).isEqualTo(WIDTH);
            assertThat(reader.height()).isEqualTo(HEIGHT);
            assertThat(reader.frameCount()).hasValue(FRAMES);
            assertThat(reader.frameRate()).isEqualTo(12.0);
            for (int i = 0; i < FRAMES; i++) {
                byte[] pixels = reader.nextGray().orElseThrow();
                assertThat(meanAbsoluteError(pixels, written.get(i))).as("frame %d", i).isLessThan(3.0);
            }
            assertThat(reader.nextGray()).isEmpty();
            assertThat(reader.framesRead()).isEqualTo(FRAMES);
        }
    }

    @Test
    void truncatedFileYieldsTheFramesThatDecodeThenSaysItIsTruncated() throws Exception {
        Path complete = dir.resolve("complete.avi");
        List<byte[]> written = writeWithVideoWriter(complete);
        Path truncated = dir.resolve("MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi");
        byte[] bytes = Files.readAllBytes(complete);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        List<byte[]> read = new ArrayList<>();
        try (VideoFrameReader reader = VideoFrameReader.open(truncated)) {
            assertThatThrownBy(() -> {
                for (Optional<byte[]> f = reader.nextGray(); f.isPresent(); f = reader.nextGray()) {
                    read.add(f.get());
                }
            }).isInstanceOf(UnreadableVideoException.class)
                    .hasMessageContaining("MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi")
                    .hasMessageContaining("truncated: decoded " + read.size() + " of the " + FRAMES + " frames");
            assertThat(reader.nextGray()).as("after the error").isEmpty();
        }
        assertThat(read).hasSizeBetween(FRAMES / 3, FRAMES - 1);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).as("frame %d", i).isEqualTo(written.get(i));
        }
    }

    @Test
    void mp4FramesDecodedWithConcealedDamageAreCountedThoughEveryFrameComesBack() throws Exception {
        Path clean = dir.resolve("clean.mp4");
        writeWithVideoWriter(clean);
        byte[] bytes = Files.readAllBytes(clean);
        Path damaged = dir.resolve("P04-FP3.mp4");
        // the file starts with its frames (mdat) and ends with its index (moov): damage the middle of the frames
        for (int i = 0; i < 24; i++) {
            bytes[bytes.length / 4 + i * (bytes.length / 100)] ^= 0x5A;
        }
        Files.write(damaged, bytes);

        for (Path file : List.of(clean, damaged)) {
            try (VideoFrameReader reader = VideoFrameReader.open(file, 2)) {
                while (reader.nextFrame().isPresent()) {
                    // read to the end
                }
                assertThat(reader.framesRead()).as("%s: every frame comes back", file).isEqualTo(FRAMES);
                if (file.equals(clean)) {
                    assertThat(reader.decodeErrors().describe(FRAMES)).isEmpty();
                } else {
                    assertThat(reader.decodeErrors().frames()).as("frames with errors, decoding on two threads")
                            .isBetween(1, FRAMES);
                    assertThat(reader.decodeErrors().describe(FRAMES)).hasValueSatisfying(d ->
                            assertThat(d).startsWith("FFmpeg decoded ").contains(" of 24 frames with errors", "mpeg4: "));
                }
            }
        }
    }

    @Test
    void truncatedMp4WhoseIndexIsMissingIsReportedAtOpen() throws Exception {
        Path complete = dir.resolve("complete.mp4");
        writeWithVideoWriter(complete);
        Path truncated = dir.resolve("P03-FP3.mp4");
        byte[] bytes = Files.readAllBytes(complete);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        // MP4 writes its sample index (moov) last, so nothing of a cut file can be located.
        assertThatThrownBy(() -> VideoFrameReader.open(truncated)).isInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining("P03-FP3.mp4").hasMessageContaining("cut short before its index");
    }

    @Test
    void aFileThatIsNoVideoIsReportedWithItsName() throws Exception {
        Path notVideo = dir.resolve("summary.avi");
        Files.writeString(notVideo, "Time-lapse # MTL-0130 summary, not a video");

        assertThatThrownBy(() -> VideoFrameReader.open(notVideo)).isInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining("summary.avi").hasMessageContaining("cannot open it as a video");
        assertThatThrownBy(() -> VideoFrameReader.open(dir.resolve("missing.avi")))
                .isInstanceOf(UnreadableVideoException.class).hasMessageContaining("missing.avi: no such readable file");
    }

    @Test
    void writerRefusesWhatItCannotWrite() {
        assertThatThrownBy(() -> new VideoWriter(dir.resolve("a.mkv"), 64, 64, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported extension");
        assertThatThrownBy(() -> new VideoWriter(dir.resolve("a.mp4"), 63, 64, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even sizes");
        assertThatThrownBy(() -> new VideoWriter(dir.resolve("no-such-folder").resolve("a.avi"), 64, 64, 12))
                .isInstanceOf(VideoWriteException.class).hasMessageContaining("a.avi");
    }

    private List<byte[]> writeWithVideoWriter(Path file) throws Exception {
        List<byte[]> written = new ArrayList<>();
        try (VideoWriter writer = new VideoWriter(file, WIDTH, HEIGHT, 12)) {
            for (int i = 0; i < FRAMES; i++) {
                byte[] pixels = scene(i);
                written.add(pixels);
                writer.write(pixels);
            }
            assertThat(writer.framesWritten()).isEqualTo(FRAMES);
        }
        return written;
    }

    /** Decodes to BGR with a bare grabber (not VideoFrameReader) and takes the green channel as gray. */
    private static List<byte[]> readWithPlainGrabber(Path file) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(WIDTH);
            assertThat(grabber.getImageHeight()).isEqualTo(HEIGHT);
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                assertThat(frame.imageChannels).isEqualTo(3);
                ByteBuffer bgr = (ByteBuffer) frame.image[0];
                byte[] gray = new byte[WIDTH * HEIGHT];
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        gray[y * WIDTH + x] = bgr.get(y * frame.imageStride + 3 * x + 1);
                    }
                }
                frames.add(gray);
            }
        }
        return frames;
    }

    private static byte[] scene(int i) {
        return new SyntheticEmbryoFrame(WIDTH, HEIGHT, 300 + i, 180, 80).render(i, false);
    }

    private static void fill(Frame frame, byte[] pixels) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (int y = 0; y < HEIGHT; y++) {
            buffer.position(y * frame.imageStride);
            buffer.put(pixels, y * WIDTH, WIDTH);
        }
        buffer.rewind();
    }

    private static double meanAbsoluteError(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }
}
