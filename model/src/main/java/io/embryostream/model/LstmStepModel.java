package io.embryostream.model;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * lstm-step.onnx: one time point for a batch of embryos. The classifier keeps one state vector per
 * embryo ({@link #initialState()} for a new one) and passes it back with the next embedding: O(1)
 * work per time point.
 */
public final class LstmStepModel extends OnnxGraph {

    /** Class probabilities per embryo and the state to keep for its next time point. */
    public record StepOutput(float[][] probabilities, float[][] states) {
    }

    private final int embeddingSize;
    private final int stateSize;
    private final int classes;
    private final FloatBuffer embeddingBuffer;
    private final FloatBuffer hpiBuffer;
    private final FloatBuffer stateBuffer;

    public LstmStepModel(ModelMetadata model, InferenceOptions options) {
        super(model.temporalHead(ModelMetadata.LSTM).orElseThrow(() -> new ModelFormatException(
                model.folder() + ": the model has no lstm head (heads " + model.temporalHeadKinds() + ")")), options);
        requireTensors(List.of("embedding", "hpi", "state"), List.of("probabilities", "state_out"));
        this.embeddingSize = model.embeddingSize();
        this.stateSize = model.lstmStateSize();
        this.classes = model.classNames().size();
        this.embeddingBuffer = directFloats(maxBatch * embeddingSize);
        this.hpiBuffer = directFloats(maxBatch);
        this.stateBuffer = directFloats(maxBatch * stateSize);
    }

    public float[] initialState() {
        return new float[stateSize];
    }

    public int stateSize() {
        return stateSize;
    }

    /** Row {@code i} of each argument belongs to one embryo; hours post-insemination in {@code hpi}. */
    public StepOutput step(float[][] embeddings, float[] hpi, float[][] states) {
        int n = embeddings.length;
        if (hpi.length != n || states.length != n) {
            throw new IllegalArgumentException("embeddings, hpi and states must have one row per embryo, got "
                    + n + ", " + hpi.length + ", " + states.length);
        }
        float[][] probabilities = new float[n][];
        float[][] next = new float[n][];
        for (int from = 0; from < n; from += maxBatch) {
            int to = Math.min(n, from + maxBatch);
            StepOutput part = stepBatch(embeddings, hpi, states, from, to);
            System.arraycopy(part.probabilities(), 0, probabilities, from, to - from);
            System.arraycopy(part.states(), 0, next, from, to - from);
        }
        return new StepOutput(probabilities, next);
    }

    private StepOutput stepBatch(float[][] embeddings, float[] hpi, float[][] states, int from, int to) {
        embeddingBuffer.clear();
        hpiBuffer.clear();
        stateBuffer.clear();
        for (int i = from; i < to; i++) {
            embeddingBuffer.put(requireLength(embeddings[i], embeddingSize, "embedding"));
            stateBuffer.put(requireLength(states[i], stateSize, "state"));
        }
        hpiBuffer.put(hpi, from, to - from);
        embeddingBuffer.flip();
        hpiBuffer.flip();
        stateBuffer.flip();
        int n = to - from;
        Map<String, float[][]> out = run(Map.of("embedding", () -> tensor(embeddingBuffer, n, embeddingSize),
                        "hpi", () -> tensor(hpiBuffer, n), "state", () -> tensor(stateBuffer, n, stateSize)),
                Map.of("probabilities", classes, "state_out", stateSize));
        return new StepOutput(out.get("probabilities"), out.get("state_out"));
    }
}
