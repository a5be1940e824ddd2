package io.embryostream.ingest.video;

import io.embryostream.synthetic.export.VideoWriter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.embryostream.frames.CanonicalFrame;
import io.embryostream.frames.CanonicalPng;
import io.embryostream.ingest.canonical.CanonicalPreprocessor;
import io.embryostream.ingest.canonical.EmbryoCircle;
import io.embryostream.ingest.canonical.LocatorStats;
import io.embryostream.ingest.canonical.SyntheticEmbryoFrame;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path a MIRI reader takes: video file → gray frames → canonical frames → PNG. */
class VideoToCanonicalTest {

    private static final int FRAMES = 8;

    @TempDir
    Path dir;

    @Test
    void miriSizeVideoBecomesCanonicalPngFrames() throws Exception {
        SyntheticEmbryoFrame scene = SyntheticEmbryoFrame.miri(520, 300, 150);
        Path file = dir.resolve("MTL-0130-0EFD-D6E0-[37]-P01-FP3.mp4");
        try (VideoWriter writer = new VideoWriter(file, scene.width(), scene.height(), 12)) {
            for (int i = 0; i < FRAMES; i++) {
                writer.write(scene.render(i, false));
            }
        }

        int published = 0;
        try (VideoFrameReader video = VideoFrameReader.open(file);
             CanonicalPreprocessor pre = new CanonicalPreprocessor("MTL-0130-0EFD-D6E0-[37] P01 FP3")) {
            for (Optional<Frame> f = video.nextFrame(); f.isPresent(); f = video.nextFrame()) {
                byte[] png = CanonicalPng.encode(pre.process(f.get()));
                assertThat(CanonicalPng.decode(png)).hasSize(CanonicalFrame.SIZE * CanonicalFrame.SIZE);
                published++;
            }
            EmbryoCircle circle = pre.currentCircle().orElseThrow();
            assertThat(circle.centerX()).isCloseTo(520, within(4.0));
            assertThat(circle.centerY()).isCloseTo(300, within(4.0));
            assertThat(circle.radius()).isCloseTo(150, within(4.0));
            assertThat(pre.stats()).isEqualTo(new LocatorStats(FRAMES, 1, 0, 0));
        }
        assertThat(published).isEqualTo(FRAMES);
    }
}
