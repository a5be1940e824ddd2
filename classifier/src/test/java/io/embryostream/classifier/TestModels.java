package io.embryostream.classifier;

import java.nio.file.Files;
import java.nio.file.Path;

/** Models the tests run: real ONNX models exported by trainer-export, found from the repository root. */
public final class TestModels {

    private TestModels() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("embryo.repo.root");
        Path p = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("schemas"))) {
            throw new IllegalStateException("cannot find the repository root from " + p + "; run tests through Maven");
        }
        return p;
    }

    /** The small real model the parity test exports (pronuclear-3, 64×64, one plane). */
    public static Path parityModel() {
        return repoRoot().resolve("model/src/test/resources/parity-model");
    }

    /** Its three-plane sibling: the encoder takes planes −15, 0, +15 as channels; LSTM head only. */
    public static Path threePlaneParityModel() {
        return repoRoot().resolve("model/src/test/resources/parity-model-3planes");
    }
}
