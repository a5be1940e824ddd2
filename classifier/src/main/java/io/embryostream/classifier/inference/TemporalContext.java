package io.embryostream.classifier.inference;

import java.util.Arrays;

/**
 * What one embryo carries from one time point to the next for its temporal head: the LSTM's
 * hidden state, or the Transformer's recent embeddings, and its {@link Cadence}. {@code null}
 * stands for "nothing yet".
 */
sealed interface TemporalContext {

    Cadence cadence();

    /** This context with another cadence (the head's state unchanged). */
    TemporalContext with(Cadence cadence);

    /**
     * Where the context stands in culture time: the hours of the time point it last advanced to (the model's
     * interval grid, see {@link FrameInterval}) and of the last time point classified from it. NaN: none yet.
     */
    record Cadence(double advancedHours, double lastHours) {

        static final Cadence NONE = new Cadence(Double.NaN, Double.NaN);

        static Cadence of(TemporalContext context) {
            return context == null ? NONE : context.cadence();
        }
    }

    /** The LSTM step graph's state after the embryo's last time point on the grid. */
    record Lstm(float[] state, Cadence cadence) implements TemporalContext {

        @Override
        public Lstm with(Cadence c) {
            return new Lstm(state, c);
        }
    }

    /**
     * The embeddings and hours post-insemination of the embryo's last time points on the grid, oldest first:
     * at most the window length minus one, so the newest time point completes a full window.
     */
    record Window(float[][] embeddings, float[] hours, Cadence cadence) implements TemporalContext {

        /** This window with one more time point, keeping the newest {@code keep}. */
        public Window append(float[] embedding, float hour, int keep) {
            int n = Math.min(keep, embeddings.length + 1);
            int skip = embeddings.length + 1 - n;
            float[][] e = new float[n][];
            float[] h = new float[n];
            for (int i = 0; i < n - 1; i++) {
                e[i] = embeddings[skip + i];
                h[i] = hours[skip + i];
            }
            if (n > 0) {
                e[n - 1] = embedding;
                h[n - 1] = hour;
            }
            return new Window(e, h, cadence);
        }

        @Override
        public Window with(Cadence c) {
            return new Window(embeddings, hours, c);
        }

        public static Window empty() {
            return new Window(new float[0][], new float[0], Cadence.NONE);
        }

        @Override
        public String toString() {
            return "Window" + Arrays.toString(hours) + cadence;
        }
    }
}
