package io.embryostream.classifier.inference;

import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelFormatException;
import io.embryostream.model.ModelMetadata;
import io.embryostream.model.TransformerWindowModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX sessions of one model version for one stream thread: the frame encoder, and the
 * temporal heads embryos use (created when first needed). Their direct buffers are reused between
 * calls, so a runtime is never shared by two threads.
 */
public final class ModelRuntime implements AutoCloseable {

    /** One batched temporal step: probabilities of each embryo's newest time point and its context after it. */
    public record Step(float[][] probabilities, TemporalContext[] next) {
    }

    private final ModelMetadata metadata;
    private final InferenceOptions options;
    private final FrameEncoder encoder;
    private LstmStepModel lstm;
    private TransformerWindowModel transformer;

    public ModelRuntime(ModelMetadata metadata, InferenceOptions options) {
        this.metadata = metadata;
        this.options = options;
        this.encoder = new FrameEncoder(metadata, options);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public FrameEncoder encoder() {
        return encoder;
    }

    public String provider() {
        return encoder.activeProvider().name();
    }

    /**
     * Classifies the newest time point of each embryo from its embedding and the context its
     * previous time point left ({@code null}: the embryo's first time point). The contexts after it
     * are those the time points would leave if they advanced the head; their cadence is the caller's. The
     * probabilities are calibrated as model.json says ({@link ModelMetadata#calibration}).
     */
    public Step step(String head, float[][] embeddings, float[] hpi, TemporalContext[] contexts) {
        return switch (head) {
            case ModelMetadata.LSTM -> lstmStep(embeddings, hpi, contexts);
            case ModelMetadata.TRANSFORMER -> windowStep(embeddings, hpi, contexts);
            default -> throw new ModelFormatException(metadata.folder() + ": no temporal head '" + head + "'; heads "
                    + metadata.temporalHeadKinds());
        };
    }

    private Step lstmStep(float[][] embeddings, float[] hpi, TemporalContext[] contexts) {
        if (lstm == null) {
            lstm = new LstmStepModel(metadata, options);
        }
        float[][] states = new float[contexts.length][];
        for (int i = 0; i < contexts.length; i++) {
            states[i] = contexts[i] == null ? lstm.initialState() : ((TemporalContext.Lstm) contexts[i]).state();
        }
        LstmStepModel.StepOutput out = lstm.step(embeddings, hpi, states);
        TemporalContext[] next = new TemporalContext[contexts.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = new TemporalContext.Lstm(out.states()[i], TemporalContext.Cadence.NONE);
        }
        return new Step(metadata.calibration(ModelMetadata.LSTM).apply(out.probabilities()), next);
    }

    private Step windowStep(float[][] embeddings, float[] hpi, TemporalContext[] contexts) {
        if (transformer == null) {
            transformer = new TransformerWindowModel(metadata, options);
        }
        int keep = transformer.maxWindow() - 1;
        List<float[][]> windows = new ArrayList<>(contexts.length);
        List<float[]> hours = new ArrayList<>(contexts.length);
        TemporalContext[] next = new TemporalContext[contexts.length];
        for (int i = 0; i < contexts.length; i++) {
            TemporalContext.Window before = contexts[i] == null ? TemporalContext.Window.empty()
                    : (TemporalContext.Window) contexts[i];
            TemporalContext.Window full = before.append(embeddings[i], hpi[i], keep + 1);
            windows.add(full.embeddings());
            hours.add(full.hours());
            next[i] = before.append(embeddings[i], hpi[i], keep);
        }
        return new Step(metadata.calibration(ModelMetadata.TRANSFORMER).apply(transformer.classify(windows, hours)),
                next);
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            try {
                if (lstm != null) {
                    lstm.close();
                }
            } finally {
                if (transformer != null) {
                    transformer.close();
                }
            }
        }
    }
}
