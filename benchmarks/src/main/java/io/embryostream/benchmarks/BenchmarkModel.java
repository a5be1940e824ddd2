package io.embryostream.benchmarks;

import io.embryostream.classifier.app.ClassifierConfig;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.model.InferenceOptions;
import io.embryostream.model.ModelMetadata;
import java.nio.file.Path;

/**
 * The model a benchmark runs: the classifier's default {@code model.dir} unless {@code model=} names
 * another, resolved exactly as the classifier resolves it (the newest version in the directory).
 */
record BenchmarkModel(Path directory, ModelMetadata metadata) {

    static BenchmarkModel from(BenchmarkArgs args) {
        Path dir = Path.of(args.get("model", ClassifierConfig.defaults().get("model.dir")));
        InferenceOptions any = InferenceOptions.cpuDefaults();
        try (ModelRegistry registry = new ModelRegistry(dir, any)) {
            return new BenchmarkModel(dir, registry.newest());
        }
    }

    String describe() {
        return metadata.name() + " " + metadata.version() + " (" + directory + ", " + metadata.scheme() + ", "
                + metadata.classNames().size() + " classes, input " + metadata.inputSize() + "x" + metadata.inputSize()
                + ", planes " + metadata.planes() + ")";
    }
}
