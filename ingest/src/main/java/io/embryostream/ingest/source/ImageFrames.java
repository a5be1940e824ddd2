package io.embryostream.ingest.source;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;

/** Reads one image file (JPEG, PNG) as row-major gray8, whatever its colour model. */
final class ImageFrames {

    private ImageFrames() {
    }

    /** The decoded image; gray images are used as they are, colour ones converted to luminance. */
    static BufferedImage readGray(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged JPEG/PNG data through IIOException and, for some
            // truncations, IndexOutOfBounds/IllegalArgument: all mean "this file is unusable".
            throw new IOException("not a decodable image (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the file is damaged or incomplete — copy it again from the instrument", e);
        }
        if (image == null) {
            throw new IOException("not a JPEG or PNG image; the file is damaged or of another format — copy it again");
        }
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(image, 0, 0, null);
        return gray;
    }

    static byte[] pixels(BufferedImage gray) {
        byte[] data = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int n = gray.getWidth() * gray.getHeight();
        if (data.length == n) {
            return data;
        }
        byte[] copy = new byte[n];
        gray.getRaster().getDataElements(0, 0, gray.getWidth(), gray.getHeight(), copy);
        return copy;
    }
}
