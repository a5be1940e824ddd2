package io.embryostream.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FrameEncoderTest {

    private final ModelMetadata model = ModelMetadata.read(Path.of("src/test/resources/parity-model"));

    @Test
    void batchesLargerThanMaxBatchGiveTheSameEmbeddingsAsOneByOne() {
        Random random = new Random(7);
        List<byte[][]> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] gray = new byte[256 * 256];
            random.nextBytes(gray);
            frames.add(new byte[][] {gray});
        }
        try (FrameEncoder batched = new FrameEncoder(model, new InferenceOptions(1, ExecutionProvider.CPU, 2));
             FrameEncoder single = new FrameEncoder(model, new InferenceOptions(1, ExecutionProvider.CPU, 1))) {
            float[][] all = batched.encode(frames);
            assertThat(all).hasDimensions(5, model.embeddingSize());
            for (int i = 0; i < 5; i++) {
                float[] alone = single.encode(frames.subList(i, i + 1))[0];
                for (int d = 0; d < alone.length; d++) {
                    assertThat(all[i][d]).isCloseTo(alone[d], within(1e-5f));
                }
            }
            assertThat(all[0]).isNotEqualTo(all[1]);
        }
    }

    @Test
    void wrongPlaneCountIsRefusedWithThePlanesTheModelReads() {
        byte[] gray = new byte[256 * 256];
        try (FrameEncoder encoder = new FrameEncoder(model, InferenceOptions.cpuDefaults())) {
            assertThatThrownBy(() -> encoder.encode(List.<byte[][]>of(new byte[][] {gray, gray})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the model reads planes [0], got 2 frames");
        }
    }

    @Test
    void inputMomentsAreThoseOfTheBlockAveragedPixelsOnTheNormalizationScale() {
        // Left half 0, right half 255: block averages stay 0 and 1 (the model's blocks never straddle the middle),
        // so the mean is 1/2 and the spread 1/2 whatever the normalization; a batch of 3 over max batch 2.
        byte[] halves = new byte[256 * 256];
        for (int y = 0; y < 256; y++) {
            for (int x = 128; x < 256; x++) {
                halves[y * 256 + x] = (byte) 255;
            }
        }
        byte[] gray = new byte[256 * 256];
        java.util.Arrays.fill(gray, (byte) 51);
        FrameEncoder.InputMoments[] moments = new FrameEncoder.InputMoments[3];
        try (FrameEncoder encoder = new FrameEncoder(model, new InferenceOptions(1, ExecutionProvider.CPU, 2))) {
            float[][] withMoments = encoder.encode(List.of(new byte[][] {gray}, new byte[][] {halves},
                    new byte[][] {gray}), moments);
            assertThat(withMoments[0]).isEqualTo(encoder.encode(List.<byte[][]>of(new byte[][] {gray}))[0]);
        }
        assertThat(moments[0].mean()).isCloseTo(0.2, within(1e-5));
        assertThat(moments[0].std()).isCloseTo(0, within(1e-3));
        assertThat(moments[1].mean()).isCloseTo(0.5, within(1e-5));
        assertThat(moments[1].std()).isCloseTo(0.5, within(1e-5));
        assertThat(moments[2]).isEqualTo(moments[0]);
    }
}
