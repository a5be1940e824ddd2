package io.embryostream.classifier.inference;

import io.embryostream.model.FrameEncoder;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.LstmStepModel;
import io.embryostream.model.ModelMetadata;

/**
 * The ONNX sessions of one model version for one stream thread: the frame encoder and the LSTM
 * step graph. Their direct buffers are reused between calls, so a runtime is never shared by two
 * threads.
 */
public final class ModelRuntime implements AutoCloseable {

    private final ModelMetadata metadata;
    private final FrameEncoder encoder;
    private final LstmStepModel step;

    public ModelRuntime(ModelMetadata metadata, InferenceOptions options) {
        this.metadata = metadata;
        FrameEncoder e = new FrameEncoder(metadata, options);
        try {
            this.step = new LstmStepModel(metadata, options);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
        this.encoder = e;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public FrameEncoder encoder() {
        return encoder;
    }

    public LstmStepModel step() {
        return step;
    }

    public String provider() {
        return encoder.activeProvider().name();
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            step.close();
        }
    }
}
