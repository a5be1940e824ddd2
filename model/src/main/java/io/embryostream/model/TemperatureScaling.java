package io.embryostream.model;

/**
 * A temporal head's calibration ({@code temporal.heads.<kind>.calibration} in model.json, written by
 * {@code trainer_export.calibrate}): probabilities p become softmax(log(p) / T), the same as dividing the head's
 * logits by T. The trainer applies the same formula ({@code trainer_export.calibration.apply_temperature}); the parity
 * check compares the two.
 */
public record TemperatureScaling(double temperature) {

    /** No calibration: probabilities pass unchanged. */
    public static final TemperatureScaling NONE = new TemperatureScaling(1.0);

    public TemperatureScaling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("a calibration temperature must be a positive number, got " + temperature);
        }
    }

    /** The calibrated rows; {@code probabilities} itself when the temperature is 1. */
    public float[][] apply(float[][] probabilities) {
        if (temperature == 1.0) {
            return probabilities;
        }
        float[][] out = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            out[i] = apply(probabilities[i]);
        }
        return out;
    }

    /** One calibrated row, in double precision (zeros stay zero). */
    public float[] apply(float[] p) {
        double[] z = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            z[k] = Math.log(p[k]) / temperature;
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        float[] out = new float[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = (float) (z[k] / sum);
        }
        return out;
    }
}
