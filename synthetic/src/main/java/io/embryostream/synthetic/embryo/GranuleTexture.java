package io.embryostream.synthetic.embryo;

import java.util.SplittableRandom;

/**
 * Cytoplasm granularity: a tileable 512×512 field of zero-mean, unit-sd noise at three blur levels (sharp
 * granules for in-focus objects, smoother for defocused ones). Built once; objects read it at their own
 * offsets, so no per-pixel random numbers are drawn while rendering.
 */
final class GranuleTexture {

    static final int SIZE = 512;
    static final int MASK = SIZE - 1;
    static final int LEVELS = 3;
    private static final float[][] FIELDS = build();

    private GranuleTexture() {
    }

    /** Level 0 (sharp) … {@link #LEVELS}−1 (blurred), row-major {@link #SIZE}². */
    static float[] level(int level) {
        return FIELDS[Math.min(LEVELS - 1, Math.max(0, level))];
    }

    private static float[][] build() {
        SplittableRandom rnd = new SplittableRandom(0x6E0A_11L);
        float[] white = new float[SIZE * SIZE];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) rnd.nextGaussian();
        }
        float[][] levels = new float[LEVELS][];
        float[] current = white;
        for (int l = 0; l < LEVELS; l++) {
            current = boxBlur(current, l == 0 ? 1 : 2);
            levels[l] = normalized(current);
        }
        return levels;
    }

    /** Wrap-around box blur of radius {@code r}, horizontal then vertical. */
    private static float[] boxBlur(float[] in, int r) {
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float s = 0;
                for (int d = -r; d <= r; d++) {
                    s += in[y * SIZE + ((x + d) & MASK)];
                }
                tmp[y * SIZE + x] = s;
            }
        }
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float s = 0;
                for (int d = -r; d <= r; d++) {
                    s += tmp[((y + d) & MASK) * SIZE + x];
                }
                out[y * SIZE + x] = s;
            }
        }
        return out;
    }

    private static float[] normalized(float[] f) {
        double sum = 0, sq = 0;
        for (float v : f) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / f.length;
        double sd = Math.sqrt(sq / f.length - mean * mean);
        float[] out = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (float) ((f[i] - mean) / sd);
        }
        return out;
    }
}
