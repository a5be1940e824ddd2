package io.embryostream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** parity.json written by trainer_export.parity beside a model: PyTorch's outputs for one time point. */
record ParityFixture(Path folder, JsonNode json) {

    static ParityFixture read(Path modelFolder) throws IOException {
        return new ParityFixture(modelFolder, new ObjectMapper().readTree(modelFolder.resolve("parity.json").toFile()));
    }

    /**
     * The time point's frames as raw gray8 bytes, exactly as the PNGs store them, picked plane by plane
     * in the order of {@code model.planes()} (as the classifier assembles a time point) through the
     * fixture's {@code planes}, which names the plane of each frame. Fixtures written before
     * {@code planes} existed hold one frame, the central plane.
     */
    byte[][] frames(ModelMetadata model) throws IOException {
        JsonNode names = json.get("frames");
        List<Integer> planes = json.has("planes") ? integers(json.get("planes")) : List.of(0);
        if (planes.size() != names.size()) {
            throw new IOException("parity.json in " + folder + " names " + planes.size() + " planes for "
                    + names.size() + " frames; regenerate it with trainer_export.parity");
        }
        byte[][] out = new byte[model.planes().size()][];
        for (int i = 0; i < out.length; i++) {
            int frame = planes.indexOf(model.planes().get(i));
            if (frame < 0) {
                throw new IOException("parity.json in " + folder + " has no frame of plane " + model.planes().get(i)
                        + " (it has " + planes + ")");
            }
            out[i] = gray8(names.get(frame).asText());
        }
        return out;
    }

    private byte[] gray8(String name) throws IOException {
        BufferedImage image = ImageIO.read(folder.resolve(name).toFile());
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IOException(name + " is not an 8-bit gray PNG");
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    float[] vector(String... path) {
        return toFloats(node(path));
    }

    float[][] matrix(String... path) {
        JsonNode n = node(path);
        float[][] out = new float[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            out[i] = toFloats(n.get(i));
        }
        return out;
    }

    float[][][] tensor3(String... path) {
        JsonNode n = node(path);
        float[][][] out = new float[n.size()][][];
        for (int i = 0; i < n.size(); i++) {
            out[i] = new float[n.get(i).size()][];
            for (int j = 0; j < n.get(i).size(); j++) {
                out[i][j] = toFloats(n.get(i).get(j));
            }
        }
        return out;
    }

    boolean has(String... path) {
        return !node(path).isMissingNode();
    }

    JsonNode node(String... path) {
        JsonNode n = json;
        for (String p : path) {
            n = n.path(p);
        }
        return n;
    }

    private static float[] toFloats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
