package io.embryostream.ingest.source;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads one image file (JPEG, PNG) as row-major gray8, whatever its colour model. */
final class ImageFrames {

    private ImageFrames() {
    }

    /** The decoded image; gray images are used as they are, colour ones converted to luminance. */
    static BufferedImage readGray(Path file) throws IOException {
        BufferedImage image;
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new NotAnImage();
            }
            ImageReader reader = readers.next();
            // a cut or damaged JPEG decodes "successfully", grey below the damage: the decoder only warns
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (NotAnImage e) {
            throw new IOException("not a JPEG or PNG image; the file is damaged or of another format — copy it again");
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged JPEG/PNG data through IIOException and, for some
            // truncations, IndexOutOfBounds/IllegalArgument: all mean "this file is unusable".
            throw new IOException("not a decodable image (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); the file is damaged or incomplete — copy it again from the instrument", e);
        }
        if (!warnings.isEmpty()) {
            throw new IOException("a damaged image: the decoder reports \"" + warnings.get(0) + "\" (a cut or altered"
                    + " copy; the pixels below the damage are lost) — copy it again from the instrument");
        }
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(image, 0, 0, null);
        return gray;
    }

    /** Thrown inside {@link #readGray} when no reader knows the file's format. */
    private static final class NotAnImage extends IOException {
        NotAnImage() {
            super(null, null);
        }
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
