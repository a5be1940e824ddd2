package io.embryostream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.embryostream.frames.CanonicalFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model folder's model.json, written by trainer-export: everything the classifier needs to know
 * about a model (classes, input geometry, normalization, window, graphs), validated on reading so a
 * broken or foreign file fails here with a message rather than later with wrong labels.
 */
public final class ModelMetadata {

    public static final String FORMAT = "embryo-stream-model/1";
    public static final String FILE_NAME = "model.json";
    public static final String LSTM = "lstm";
    public static final String TRANSFORMER = "transformer";

    /** The normalization folded into block averaging: {@code (block mean / 255 - mean) / std}. */
    public record Normalization(float mean, float std) {
    }

    /** The temporal context: {@code timePoints} at the nominal interval cover {@code hours}. */
    public record Window(double hours, int timePoints, double nominalIntervalHours) {
    }

    /** What the model was trained on: source, its version (renderer version for synthetic data), fingerprint. */
    public record Provenance(String source, String sourceVersion, String fingerprint) {
    }

    private final Path folder;
    private final String name;
    private final String version;
    private final String scheme;
    private final List<String> classNames;
    private final int inputSize;
    private final List<Integer> planes;
    private final Normalization normalization;
    private final int embeddingSize;
    private final Window window;
    private final GraphSpec encoder;
    private final Map<String, GraphSpec> temporalHeads;
    private final Map<String, TemperatureScaling> calibrations = new LinkedHashMap<>();
    private final String defaultHead;
    private final int lstmStateSize;
    private final Provenance provenance;
    private final JsonNode metrics;

    private ModelMetadata(Path folder, Reader r) {
        this.folder = folder;
        String format = r.text("format");
        if (!FORMAT.equals(format)) {
            throw r.error("format is '" + format + "', this reader understands '" + FORMAT + "'");
        }
        name = r.text("name");
        version = r.text("version");
        scheme = r.text("scheme");
        classNames = r.texts("classes");
        if (classNames.isEmpty() || new HashSet<>(classNames).size() != classNames.size()) {
            throw r.error("classes must be a non-empty list of distinct names, got " + classNames);
        }
        int canonical = r.integer("input.canonicalSize");
        if (canonical != CanonicalFrame.SIZE) {
            throw r.error("input.canonicalSize is " + canonical + ", the ingest publishes " + CanonicalFrame.SIZE);
        }
        inputSize = r.integer("input.size");
        if (inputSize < 1 || canonical % inputSize != 0) {
            throw r.error("input.size " + inputSize + " must divide the canonical size " + canonical);
        }
        planes = r.integers("input.planes");
        if (planes.isEmpty()) {
            throw r.error("input.planes is empty; a model reads at least the central plane [0]");
        }
        normalization = new Normalization((float) r.number("input.normalization.mean"),
                (float) r.number("input.normalization.std"));
        if (!(normalization.std() > 0)) {
            throw r.error("input.normalization.std must be > 0, got " + normalization.std());
        }
        embeddingSize = r.positive("embeddingSize");
        window = new Window(r.number("window.hours"), r.positive("window.timePoints"),
                r.number("window.nominalIntervalHours"));
        encoder = r.graph("encoder", folder);
        temporalHeads = new LinkedHashMap<>();
        r.node("temporal.heads").fieldNames().forEachRemaining(kind -> {
            if (!kind.equals(LSTM) && !kind.equals(TRANSFORMER)) {
                throw r.error("temporal.heads." + kind + " is not a known head (" + LSTM + ", " + TRANSFORMER + ")");
            }
            temporalHeads.put(kind, r.graph("temporal.heads." + kind, folder));
            String calibration = "temporal.heads." + kind + ".calibration";
            if (!r.root.at("/" + calibration.replace('.', '/')).isMissingNode()) {
                String method = r.text(calibration + ".method");
                if (!method.equals("temperature")) {
                    throw r.error(calibration + ".method '" + method + "' is not known to this build (temperature)");
                }
                double t = r.number(calibration + ".temperature");
                if (!(t > 0)) {
                    throw r.error(calibration + ".temperature must be > 0, got " + t);
                }
                calibrations.put(kind, new TemperatureScaling(t));
            }
        });
        defaultHead = r.text("temporal.default");
        if (!temporalHeads.containsKey(defaultHead)) {
            throw r.error("temporal.default '" + defaultHead + "' is not among temporal.heads " + temporalHeads.keySet());
        }
        lstmStateSize = temporalHeads.containsKey(LSTM) ? r.positive("temporal.heads.lstm.stateSize") : 0;
        provenance = new Provenance(r.optionalText("data.source"), r.optionalText("data.sourceVersion"),
                r.optionalText("data.fingerprint"));
        metrics = r.root.path("metrics");
        checkShapes(r);
    }

    /** Reads {@code model.json} from a model folder (or the file itself). */
    public static ModelMetadata read(Path modelFolderOrFile) {
        Path file = Files.isDirectory(modelFolderOrFile) ? modelFolderOrFile.resolve(FILE_NAME) : modelFolderOrFile;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read model.json (" + e.getMessage()
                    + "); point at a model folder written by trainer-export", e);
        }
        return new ModelMetadata(file.toAbsolutePath().getParent(), new Reader(file, root));
    }

    private void checkShapes(Reader r) {
        TensorSpec frames = encoder.inputs().get(0);
        if (frames.shape().size() != 4 || frames.fixedDim(1) != planes.size() || frames.fixedDim(2) != inputSize
                || frames.fixedDim(3) != inputSize) {
            throw r.error("encoder input " + frames.shape() + " does not match planes " + planes + " at " + inputSize
                    + "x" + inputSize);
        }
        if (encoder.outputs().get(0).fixedDim(1) != embeddingSize) {
            throw r.error("encoder output " + encoder.outputs().get(0).shape() + " does not match embeddingSize "
                    + embeddingSize);
        }
        temporalHeads.forEach((kind, g) -> {
            if (g.output("probabilities").fixedDim(1) != classNames.size()) {
                throw r.error(kind + " output " + g.output("probabilities").shape() + " does not match the "
                        + classNames.size() + " classes");
            }
        });
    }

    /** Downscaling factor from the canonical frame to the model input. */
    public int blockFactor() {
        return CanonicalFrame.SIZE / inputSize;
    }

    public Path folder() {
        return folder;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String scheme() {
        return scheme;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Focal planes the encoder takes as channels, in channel order (signed offsets, 0 = central). */
    public List<Integer> planes() {
        return planes;
    }

    public Normalization normalization() {
        return normalization;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public Window window() {
        return window;
    }

    public GraphSpec encoder() {
        return encoder;
    }

    public Optional<GraphSpec> temporalHead(String kind) {
        return Optional.ofNullable(temporalHeads.get(kind));
    }

    /** The head's calibration from model.json; {@link TemperatureScaling#NONE} for an uncalibrated head. */
    public TemperatureScaling calibration(String kind) {
        return calibrations.getOrDefault(kind, TemperatureScaling.NONE);
    }

    public List<String> temporalHeadKinds() {
        return List.copyOf(temporalHeads.keySet());
    }

    /** The head chosen on validation embryos at training time. */
    public String defaultHead() {
        return defaultHead;
    }

    /** Floats of LSTM state per embryo (0 when the model has no LSTM head). */
    public int lstmStateSize() {
        return lstmStateSize;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Test figures as trainer-export wrote them (see the model card for the full evaluation). */
    public JsonNode metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + scheme + ", " + inputSize + "px, planes " + planes + ")";
    }

    /** Dotted-path access to the JSON with errors that name the file and field. */
    private static final class Reader {
        private final Path file;
        private final JsonNode root;

        Reader(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        ModelFormatException error(String what) {
            return new ModelFormatException(file + ": " + what + "; re-export the model with trainer-export");
        }

        JsonNode node(String path) {
            JsonNode n = root;
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
            if (n.isMissingNode() || n.isNull()) {
                throw error("required field '" + path + "' is missing");
            }
            return n;
        }

        String text(String path) {
            JsonNode n = node(path);
            if (!n.isTextual() || n.asText().isBlank()) {
                throw error("'" + path + "' must be a non-empty string, got " + n);
            }
            return n.asText();
        }

        String optionalText(String path) {
            JsonNode n = root.at("/" + path.replace('.', '/'));
            return n.isTextual() ? n.asText() : null;
        }

        double number(String path) {
            JsonNode n = node(path);
            if (!n.isNumber()) {
                throw error("'" + path + "' must be a number, got " + n);
            }
            return n.asDouble();
        }

        int integer(String path) {
            JsonNode n = node(path);
            if (!n.isIntegralNumber()) {
                throw error("'" + path + "' must be an integer, got " + n);
            }
            return n.asInt();
        }

        int positive(String path) {
            int v = integer(path);
            if (v < 1) {
                throw error("'" + path + "' must be >= 1, got " + v);
            }
            return v;
        }

        List<String> texts(String path) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : array(path)) {
                if (!n.isTextual()) {
                    throw error("'" + path + "' must hold strings, got " + n);
                }
                out.add(n.asText());
            }
            return List.copyOf(out);
        }

        List<Integer> integers(String path) {
            List<Integer> out = new ArrayList<>();
            for (JsonNode n : array(path)) {
                if (!n.isIntegralNumber()) {
                    throw error("'" + path + "' must hold integers, got " + n);
                }
                out.add(n.asInt());
            }
            return List.copyOf(out);
        }

        private JsonNode array(String path) {
            JsonNode n = node(path);
            if (!n.isArray()) {
                throw error("'" + path + "' must be a list, got " + n);
            }
            return n;
        }

        GraphSpec graph(String path, Path folder) {
            Path graphFile = folder.resolve(text(path + ".file"));
            if (!Files.isRegularFile(graphFile)) {
                throw error(path + ".file " + graphFile + " does not exist; copy the whole model folder");
            }
            return new GraphSpec(graphFile, tensors(path + ".inputs"), tensors(path + ".outputs"));
        }

        private List<TensorSpec> tensors(String path) {
            List<TensorSpec> out = new ArrayList<>();
            for (JsonNode t : array(path)) {
                List<String> shape = new ArrayList<>();
                t.path("shape").forEach(d -> shape.add(d.asText()));
                if (!t.path("name").isTextual() || shape.isEmpty()) {
                    throw error("'" + path + "' entries need a name and a shape, got " + t);
                }
                out.add(new TensorSpec(t.get("name").asText(), List.copyOf(shape), t.path("type").asText("float32")));
            }
            if (out.isEmpty()) {
                throw error("'" + path + "' is empty");
            }
            return List.copyOf(out);
        }
    }
}
