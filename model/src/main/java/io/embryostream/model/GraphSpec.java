package io.embryostream.model;

import java.nio.file.Path;
import java.util.List;

/** One ONNX graph of a model: its file and its named inputs and outputs. */
public record GraphSpec(Path file, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public TensorSpec input(String name) {
        return find(inputs, name);
    }

    public TensorSpec output(String name) {
        return find(outputs, name);
    }

    private TensorSpec find(List<TensorSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new ModelFormatException(file + ": model.json names no tensor '" + name + "' (has "
                        + specs.stream().map(TensorSpec::name).toList() + "); re-export the model with trainer-export"));
    }
}
