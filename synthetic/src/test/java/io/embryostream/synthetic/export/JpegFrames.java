package io.embryostream.synthetic.export;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes gray8 frames as 8-bit gray baseline JPEG, as the Gomez dataset's images are. */
final class JpegFrames {

    /** High enough that the ingest's locator sees the zona as in the source, as in published datasets. */
    private static final float QUALITY = 0.92f;

    private JpegFrames() {
    }

    static void write(Path path, byte[] gray8, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(gray8, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, gray8.length);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream file = Files.newOutputStream(path);
             ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
