package io.embryostream.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session over one graph of a model, with the provider choice and fallback, and
 * direct input buffers that subclasses allocate once for {@link InferenceOptions#maxBatch()} and
 * reuse for every run (ONNX Runtime reads direct buffers in place, without a copy).
 */
public abstract class OnnxGraph implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxGraph.class);

    protected final OrtEnvironment env = OrtEnvironment.getEnvironment();
    protected final GraphSpec spec;
    protected final int maxBatch;
    private final OrtSession session;
    private final ExecutionProvider activeProvider;

    protected OnnxGraph(GraphSpec spec, InferenceOptions options) {
        this.spec = spec;
        this.maxBatch = options.maxBatch();
        ExecutionProvider active = options.provider();
        OrtSession opened;
        try {
            opened = open(options, active);
        } catch (OrtException e) {
            if (active == ExecutionProvider.CPU) {
                throw new InferenceException(spec.file() + ": ONNX Runtime cannot load the graph: " + e.getMessage(), e);
            }
            log.warn("{}: {} execution provider unavailable ({}); running on CPU", spec.file().getFileName(), active,
                    e.getMessage());
            active = ExecutionProvider.CPU;
            try {
                opened = open(options, active);
            } catch (OrtException cpuFailure) {
                throw new InferenceException(spec.file() + ": ONNX Runtime cannot load the graph: "
                        + cpuFailure.getMessage(), cpuFailure);
            }
        }
        this.session = opened;
        this.activeProvider = active;
        for (TensorSpec input : spec.inputs()) {
            if (!session.getInputNames().contains(input.name())) {
                close();
                throw new ModelFormatException(spec.file() + ": the graph has no input '" + input.name()
                        + "' named in model.json (graph inputs " + session.getInputNames() + "); re-export the model");
            }
        }
    }

    private OrtSession open(InferenceOptions options, ExecutionProvider provider) throws OrtException {
        // The session keeps its own copy of the options.
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (provider == ExecutionProvider.CUDA) {
                so.addCUDA();
            }
            return env.createSession(spec.file().toString(), so);
        }
    }

    /** Fails with a re-export hint when model.json does not name the tensors this wrapper feeds and reads. */
    protected final void requireTensors(List<String> inputs, List<String> outputs) {
        inputs.forEach(spec::input);
        outputs.forEach(spec::output);
    }

    /** The provider the graph actually runs on: CPU after a fallback from an unavailable CUDA. */
    public ExecutionProvider activeProvider() {
        return activeProvider;
    }

    public int maxBatch() {
        return maxBatch;
    }

    protected static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    protected static LongBuffer directLongs(int count) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, Long.BYTES)).order(ByteOrder.nativeOrder())
                .asLongBuffer();
    }

    protected static float[] requireLength(float[] row, int size, String what) {
        if (row.length != size) {
            throw new IllegalArgumentException(what + " has " + row.length + " values, the model expects " + size);
        }
        return row;
    }

    /** A tensor over the buffer's filled part: callers write from {@code clear()} and then {@code flip()}. */
    protected OnnxTensor tensor(FloatBuffer filled, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, filled, shape);
    }

    protected OnnxTensor tensor(LongBuffer filled, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, filled, shape);
    }

    /** Creates one input tensor over a filled buffer. */
    @FunctionalInterface
    protected interface TensorSource {
        OnnxTensor create() throws OrtException;
    }

    /**
     * Creates the inputs, runs the graph and returns each named output as rows of its width; every
     * native tensor is closed whatever fails.
     */
    protected Map<String, float[][]> run(Map<String, TensorSource> inputs, Map<String, Integer> outputWidths) {
        Map<String, OnnxTensor> created = new HashMap<>();
        try {
            for (Map.Entry<String, TensorSource> input : inputs.entrySet()) {
                created.put(input.getKey(), input.getValue().create());
            }
            try (OrtSession.Result result = session.run(created)) {
                Map<String, float[][]> out = new HashMap<>();
                outputWidths.forEach((name, width) -> out.put(name, rows(result, name, width)));
                return out;
            }
        } catch (OrtException e) {
            throw new InferenceException(spec.file().getFileName() + ": run failed: " + e.getMessage(), e);
        } finally {
            created.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] rows(OrtSession.Result result, String name, int width) {
        OnnxValue value = result.get(name).orElseThrow(() -> new ModelFormatException(spec.file()
                + ": the graph has no output '" + name + "'; re-export the model"));
        FloatBuffer data = ((OnnxTensor) value).getFloatBuffer();
        float[][] rows = new float[data.remaining() / width][width];
        for (float[] row : rows) {
            data.get(row);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("{}: closing the session failed: {}", spec.file().getFileName(), e.getMessage());
        }
    }
}
