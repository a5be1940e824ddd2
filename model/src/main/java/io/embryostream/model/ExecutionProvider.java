package io.embryostream.model;

/** Where ONNX Runtime runs a graph. CUDA needs the onnxruntime_gpu jar and a GPU; without them the
 * graph runs on CPU (see {@link OnnxGraph#activeProvider()}). */
public enum ExecutionProvider {
    CPU, CUDA
}
