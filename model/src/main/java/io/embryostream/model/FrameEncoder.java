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
        return encode(timePoints, null);
    }

    /**
     * As {@link #encode(List)}, and when {@code moments} is not null, element {@code i} receives what time point
     * {@code i}'s input looked like, for drift monitoring at no second pass over its pixels.
     */
    public float[][] encode(List<byte[][]> timePoints, InputMoments[] moments) {
        float[][] out = new float[timePoints.size()][];
        for (int from = 0; from < timePoints.size(); from += maxBatch) {
            List<byte[][]> batch = timePoints.subList(from, Math.min(timePoints.size(), from + maxBatch));
            float[][] rows = encodeBatch(batch, moments, from);
            System.arraycopy(rows, 0, out, from, rows.length);
        }
        return out;
    }

    /**
     * The mean and mean square of one time point's input pixels on the 0–1 scale model.json's normalization applies
     * to (after the block average, before normalizing), over every plane: what a drift monitor compares with
     * {@link ModelMetadata#normalization()}.
     */
    public record InputMoments(double mean, double meanSquare) {

        public double std() {
            return Math.sqrt(Math.max(0, meanSquare - mean * mean));
        }
    }

    private float[][] encodeBatch(List<byte[][]> batch, InputMoments[] moments, int offset) {
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
            if (moments != null) {
                moments[offset++] = moments(scratch, norm);
            }
            input.put(scratch);
        }
        input.flip();
        return run(Map.of(inputName, () -> tensor(input, batch.size(), planes, model.inputSize(), model.inputSize())),
                Map.of(outputName, model.embeddingSize())).get(outputName);
    }

    /** Moments of the normalized input z, taken back to the pixel scale: x = z·std + mean. */
    private static InputMoments moments(float[] z, ModelMetadata.Normalization norm) {
        double sum = 0;
        double squares = 0;
        for (float v : z) {
            sum += v;
            squares += (double) v * v;
        }
        double meanZ = sum / z.length;
        double meanSquareZ = squares / z.length;
        double m = norm.mean();
        double s = norm.std();
        return new InputMoments(meanZ * s + m, s * s * meanSquareZ + 2 * s * m * meanZ + m * m);
    }
}
