package io.embryostream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;

/** parity.json written by trainer_export.parity beside a model: PyTorch's outputs for one PNG. */
record ParityFixture(Path folder, JsonNode json) {

    static ParityFixture read(Path modelFolder) throws IOException {
        return new ParityFixture(modelFolder, new ObjectMapper().readTree(modelFolder.resolve("parity.json").toFile()));
    }

    /** The frame's planes as raw gray8 bytes, exactly as the PNG stores them. */
    byte[][] frames() throws IOException {
        JsonNode names = json.get("frames");
        byte[][] out = new byte[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            BufferedImage image = ImageIO.read(folder.resolve(names.get(i).asText()).toFile());
            if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                throw new IOException(names.get(i) + " is not an 8-bit gray PNG");
            }
            out[i] = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        }
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
