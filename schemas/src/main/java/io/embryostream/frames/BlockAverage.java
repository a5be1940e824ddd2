package io.embryostream.frames;

/**
 * Downscales a gray8 image by an integer factor by averaging each factor×factor block. Models take
 * the 256-pixel canonical frame or an integer fraction of it; trainer-export does exactly the same
 * arithmetic (mean of the block's bytes, as float, no rounding), so Java and Python feed a model
 * identical inputs.
 */
public final class BlockAverage {

    private BlockAverage() {
    }

    /**
     * Averages {@code gray8} ({@code size}×{@code size}, row-major, unsigned bytes) down to
     * {@code size/factor} and writes {@code (mean / 255 - mean) / std} into {@code out} from
     * {@code offset}: the model's normalization folded in so no second pass is needed.
     */
    public static void downscaleNormalized(byte[] gray8, int size, int factor, float mean, float std,
                                           float[] out, int offset) {
        if (factor < 1 || size % factor != 0) {
            throw new IllegalArgumentException("factor " + factor + " does not divide the frame size " + size);
        }
        if (gray8.length != size * size) {
            throw new IllegalArgumentException("expected " + size * size + " bytes for a " + size + "x" + size
                    + " gray8 frame, got " + gray8.length);
        }
        int outSize = size / factor;
        float inv = 1f / (factor * factor * 255f);
        for (int oy = 0; oy < outSize; oy++) {
            for (int ox = 0; ox < outSize; ox++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (oy * factor + dy) * size + ox * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        sum += gray8[row + dx] & 0xFF;
                    }
                }
                out[offset + oy * outSize + ox] = (sum * inv - mean) / std;
            }
        }
    }
}
