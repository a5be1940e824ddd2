package io.embryostream.synthetic.embryo;

/**
 * The well number and hours an EmbryoScope burns into its videos, drawn with a built-in 5×7 pixel font
 * (no system fonts needed on a headless machine) scaled to the frame.
 */
final class BurnedInText {

    private static final String CHARS = "0123456789.h";
    /** Rows of each glyph, 5 bits wide, most significant bit leftmost. */
    private static final int[][] GLYPHS = {
            {14, 17, 19, 21, 25, 17, 14}, {4, 12, 4, 4, 4, 4, 14}, {14, 17, 1, 2, 4, 8, 31}, {31, 2, 4, 2, 1, 17, 14},
            {2, 6, 10, 18, 31, 2, 2}, {31, 16, 30, 1, 1, 17, 14}, {6, 8, 16, 30, 17, 17, 14}, {31, 1, 2, 4, 8, 8, 8},
            {14, 17, 17, 14, 17, 17, 14}, {14, 17, 17, 15, 1, 2, 12}, {0, 0, 0, 0, 0, 12, 12}, {16, 16, 22, 25, 17, 17, 17},
    };
    private static final float INK = 235;
    private static final float SHADOW = 30;

    private BurnedInText() {
    }

    /** Draws the well number bottom left and {@code hours} (one decimal, e.g. {@code 25.3h}) bottom right. */
    static void draw(float[] canvas, int width, int height, int well, double hours) {
        int scale = Math.max(1, height / 160);
        int margin = 3 * scale;
        int y = height - margin - 7 * scale;
        write(canvas, width, height, Integer.toString(well), margin, y, scale);
        String time = String.format(java.util.Locale.ROOT, "%.1fh", hours);
        write(canvas, width, height, time, width - margin - time.length() * 6 * scale, y, scale);
    }

    private static void write(float[] canvas, int width, int height, String text, int x, int y, int scale) {
        for (int c = 0; c < text.length(); c++) {
            int[] glyph = GLYPHS[CHARS.indexOf(text.charAt(c))];
            int gx = x + c * 6 * scale;
            for (int row = 0; row < 7; row++) {
                for (int col = 0; col < 5; col++) {
                    if ((glyph[row] >> (4 - col) & 1) != 0) {
                        // a shadow one pixel down-right keeps the text readable on bright medium
                        block(canvas, width, height, gx + col * scale + 1, y + row * scale + 1, scale, SHADOW);
                        block(canvas, width, height, gx + col * scale, y + row * scale, scale, INK);
                    }
                }
            }
        }
    }

    private static void block(float[] canvas, int width, int height, int x, int y, int size, float value) {
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                int px = x + dx, py = y + dy;
                if (px >= 0 && py >= 0 && px < width && py < height) {
                    canvas[py * width + px] = value;
                }
            }
        }
    }
}
