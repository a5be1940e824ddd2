package io.embryostream.ingest.canonical;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Test frames with a known embryo: light medium with an illumination gradient and vignetting, a
 * dark zona ring of known outer radius, perivitelline space, granular cytoplasm, Gaussian noise and
 * optionally white burned-in text in the bottom corners (as EmbryoScope exports have). Only a
 * stand-in for the real synthetic renderer: enough structure to exercise the locator.
 */
public record SyntheticEmbryoFrame(int width, int height, double centerX, double centerY, double radius,
                                   double illuminationRamp) {

    /** Gray levels the medium brightens by from the left to the right edge by default. */
    public static final double DEFAULT_ILLUMINATION_RAMP = 40;

    public SyntheticEmbryoFrame(int width, int height, double centerX, double centerY, double radius) {
        this(width, height, centerX, centerY, radius, DEFAULT_ILLUMINATION_RAMP);
    }

    /** Gray value of burned-in text; the drawn image never reaches it elsewhere. */
    public static final int TEXT_VALUE = 255;

    /** The same scene lit by a left-to-right ramp of {@code levels} gray levels. */
    public SyntheticEmbryoFrame withIlluminationRamp(double levels) {
        return new SyntheticEmbryoFrame(width, height, centerX, centerY, radius, levels);
    }

    /** A MIRI-like 1280×720 frame. */
    public static SyntheticEmbryoFrame miri(double centerX, double centerY, double radius) {
        return new SyntheticEmbryoFrame(1280, 720, centerX, centerY, radius);
    }

    /** An EmbryoScope-like 500×500 frame. */
    public static SyntheticEmbryoFrame embryoScope(double centerX, double centerY, double radius) {
        return new SyntheticEmbryoFrame(500, 500, centerX, centerY, radius);
    }

    /** Row-major gray8 pixels; {@code seed} varies noise and granules, {@code burnedInText} adds the corner labels. */
    public byte[] render(long seed, boolean burnedInText) {
        return draw(seed, burnedInText, true);
    }

    /** A frame with only medium and noise: no embryo. */
    public byte[] renderBlank(long seed) {
        return draw(seed, false, false);
    }

    private byte[] draw(long seed, boolean burnedInText, boolean embryo) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(seed);
        double[] granules = granules(random);
        double diagonal2 = (double) width * width + (double) height * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x - centerX;
                double dy = y - centerY;
                double d = Math.sqrt(dx * dx + dy * dy) / radius;
                double medium = 175 + illuminationRamp * (x - width / 2.0) / width - 60.0 * ((x - width / 2.0) * (x - width / 2.0)
                        + (y - height / 2.0) * (y - height / 2.0)) / diagonal2;
                double value;
                if (!embryo || d > 1) {
                    value = medium;
                } else if (d > 0.86) {
                    value = medium - 70;
                } else if (d > 0.78) {
                    value = medium - 15;
                } else {
                    value = medium - 50 + 12 * Math.sin(dx * granules[0] + granules[1]) * Math.cos(dy * granules[2]);
                }
                value += random.nextGaussian() * 8;
                pixels[y * width + x] = (byte) Math.max(0, Math.min(TEXT_VALUE - 20, Math.round(value)));
            }
        }
        if (burnedInText) {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(TEXT_VALUE, TEXT_VALUE, TEXT_VALUE));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("WELL 3", 8, height - 10);
            g.drawString("23.4h", width - 70, height - 10);
            g.dispose();
        }
        return pixels;
    }

    private static double[] granules(Random random) {
        return new double[] {0.3 + random.nextDouble() * 0.2, random.nextDouble() * 6, 0.3 + random.nextDouble() * 0.2};
    }
}
