package io.embryostream.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CPU onnxruntime jar cannot add CUDA (ORT_EP_FAIL): asking for it must still give a working CPU session. */
class ExecutionProviderFallbackTest {

    @Test
    void cudaRequestFallsBackToCpuAndStillRuns() {
        ModelMetadata model = ModelMetadata.read(Path.of("src/test/resources/parity-model"));
        byte[] gray = new byte[256 * 256];
        try (FrameEncoder encoder = new FrameEncoder(model, new InferenceOptions(1, ExecutionProvider.CUDA, 4))) {
            assertThat(encoder.activeProvider()).isEqualTo(ExecutionProvider.CPU);
            float[][] out = encoder.encode(List.<byte[][]>of(new byte[][] {gray}));
            assertThat(out).hasDimensions(1, model.embeddingSize());
        }
        try (FrameEncoder encoder = new FrameEncoder(model, new InferenceOptions(1, ExecutionProvider.CPU, 4))) {
            assertThat(encoder.activeProvider()).isEqualTo(ExecutionProvider.CPU);
        }
    }
}
