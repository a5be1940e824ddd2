package io.embryostream.synthetic.embryo;

/**
 * How a frame looks beyond the embryo itself.
 *
 * @param burnedInText  draw the well number bottom left and the hours bottom right, as EmbryoScope videos do
 * @param wellNumber    the well number to burn in
 * @param noiseSigma    sensor noise, standard deviation in gray levels
 * @param flicker       illumination flicker, relative standard deviation of the frame's gain
 */
public record RenderOptions(boolean burnedInText, int wellNumber, double noiseSigma, double flicker) {

    public RenderOptions {
        if (wellNumber < 0 || noiseSigma < 0 || flicker < 0) {
            throw new IllegalArgumentException("well number, noise and flicker must not be negative");
        }
    }

    /** No burned-in text, sensor noise σ 4 gray levels, 3% flicker. */
    public static RenderOptions defaults() {
        return new RenderOptions(false, 0, 4, 0.03);
    }

    public RenderOptions withBurnedInText(int well) {
        return new RenderOptions(true, well, noiseSigma, flicker);
    }
}
