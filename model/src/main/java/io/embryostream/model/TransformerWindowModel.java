package io.embryostream.model;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * transformer-window.onnx: the newest time point of each embryo from its last (up to
 * {@link ModelMetadata.Window#timePoints()}) embeddings. Windows of different lengths share one
 * batch: they are left-aligned and zero-padded, and the graph's lengths input plus causal attention
 * keep the padding out of every result.
 */
public final class TransformerWindowModel extends OnnxGraph {

    private final int embeddingSize;
    private final int maxWindow;
    private final int classes;
    private final FloatBuffer embeddingBuffer;
    private final FloatBuffer hpiBuffer;
    private final LongBuffer lengthBuffer;

    public TransformerWindowModel(ModelMetadata model, InferenceOptions options) {
        super(model.temporalHead(ModelMetadata.TRANSFORMER).orElseThrow(() -> new ModelFormatException(
                model.folder() + ": the model has no transformer head (heads " + model.temporalHeadKinds() + ")")),
                options);
        requireTensors(List.of("embeddings", "hpi", "lengths"), List.of("probabilities"));
        this.embeddingSize = model.embeddingSize();
        this.maxWindow = model.window().timePoints();
        this.classes = model.classNames().size();
        this.embeddingBuffer = directFloats(maxBatch * maxWindow * embeddingSize);
        this.hpiBuffer = directFloats(maxBatch * maxWindow);
        this.lengthBuffer = directLongs(maxBatch);
    }

    public int maxWindow() {
        return maxWindow;
    }

    /**
     * Probabilities {@code [n][classes]}; {@code windows.get(i)} holds one embryo's embeddings oldest
     * first (1 … maxWindow rows) and {@code hours.get(i)} their hours post-insemination.
     */
    public float[][] classify(List<float[][]> windows, List<float[]> hours) {
        if (windows.size() != hours.size()) {
            throw new IllegalArgumentException("one hours array per window expected, got " + windows.size() + " windows and "
                    + hours.size() + " hours arrays");
        }
        float[][] out = new float[windows.size()][];
        for (int from = 0; from < windows.size(); from += maxBatch) {
            int to = Math.min(windows.size(), from + maxBatch);
            float[][] part = classifyBatch(windows.subList(from, to), hours.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    private float[][] classifyBatch(List<float[][]> windows, List<float[]> hours) {
        int width = 0;
        for (int i = 0; i < windows.size(); i++) {
            int len = windows.get(i).length;
            if (len < 1 || len > maxWindow || hours.get(i).length != len) {
                throw new IllegalArgumentException("window " + i + " has " + len + " embeddings and " + hours.get(i).length
                        + " hours; expected 1 to " + maxWindow + " of each");
            }
            width = Math.max(width, len);
        }
        embeddingBuffer.clear();
        hpiBuffer.clear();
        lengthBuffer.clear();
        float[] padding = new float[embeddingSize];
        for (int i = 0; i < windows.size(); i++) {
            float[][] window = windows.get(i);
            for (int t = 0; t < width; t++) {
                embeddingBuffer.put(t < window.length ? requireLength(window[t], embeddingSize, "embedding") : padding);
                hpiBuffer.put(t < window.length ? hours.get(i)[t] : 0f);
            }
            lengthBuffer.put(window.length);
        }
        embeddingBuffer.flip();
        hpiBuffer.flip();
        lengthBuffer.flip();
        int n = windows.size();
        int w = width;
        return run(Map.of("embeddings", () -> tensor(embeddingBuffer, n, w, embeddingSize),
                        "hpi", () -> tensor(hpiBuffer, n, w), "lengths", () -> tensor(lengthBuffer, n)),
                Map.of("probabilities", classes)).get("probabilities");
    }
}
