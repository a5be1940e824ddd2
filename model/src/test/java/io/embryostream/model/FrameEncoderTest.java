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
}
