package io.embryostream.model;

import io.embryostream.frames.BlockAverage;
import io.embryostream.frames.CanonicalFrame;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** encoder.onnx: canonical gray8 frames of one time point (one per model plane) → embedding. */
public final class FrameEncoder extends OnnxGraph {

    private final ModelMetadata model;
    private final int planeFloats;
    private final float[] scratch;
    private final FloatBuffer input;
    private final String inputName;
    private final String outputName;

    public FrameEncoder(ModelMetadata model, InferenceOptions options) {
        super(model.encoder(), options);
        this.model = model;
        this.planeFloats = model.inputSize() * model.inputSize();
        this.scratch = new float[planeFloats * model.planes().size()];
        this.input = directFloats(maxBatch * scratch.length);
        this.inputName = spec.inputs().get(0).name();
        this.outputName = spec.outputs().get(0).name();
    }

    /**
     * Embeddings of {@code timePoints}; element {@code i} holds the 256×256 row-major gray8 frames of
     * one time point in the order of {@link ModelMetadata#planes()}. Returns {@code [n][embeddingSize]}.
     */
    public float[][] encode(List<byte[][]> timePoints) {
        float[][] out = new float[timePoints.size()][];
        for (int from = 0; from < timePoints.size(); from += maxBatch) {
            List<byte[][]> batch = timePoints.subList(from, Math.min(timePoints.size(), from + maxBatch));
            float[][] rows = encodeBatch(batch);
            System.arraycopy(rows, 0, out, from, rows.length);
        }
        return out;
    }

    private float[][] encodeBatch(List<byte[][]> batch) {
        int planes = model.planes().size();
        ModelMetadata.Normalization norm = model.normalization();
        input.clear();
        for (byte[][] timePoint : batch) {
            if (timePoint.length != planes) {
                throw new IllegalArgumentException("the model reads planes " + model.planes() + ", got "
                        + timePoint.length + " frames for a time point");
            }
            for (int p = 0; p < planes; p++) {
                BlockAverage.downscaleNormalized(timePoint[p], CanonicalFrame.SIZE, model.blockFactor(), norm.mean(),
                        norm.std(), scratch, p * planeFloats);
            }
            input.put(scratch);
        }
        input.flip();
        return run(Map.of(inputName, () -> tensor(input, batch.size(), planes, model.inputSize(), model.inputSize())),
                Map.of(outputName, model.embeddingSize())).get(outputName);
    }
}
