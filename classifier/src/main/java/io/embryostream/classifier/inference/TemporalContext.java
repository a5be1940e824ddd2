package io.embryostream.classifier.inference;

import java.util.Arrays;

/**
 * What one embryo carries from one time point to the next for its temporal head: the LSTM's
 * hidden state, or the Transformer's recent embeddings. {@code null} stands for "nothing yet".
 */
sealed interface TemporalContext {

    /** The LSTM step graph's state after the embryo's last time point. */
    record Lstm(float[] state) implements TemporalContext {
    }

    /**
     * The embeddings and hours post-insemination of the embryo's last time points, oldest first:
     * at most the window length minus one, so the newest time point completes a full window.
     */
    record Window(float[][] embeddings, float[] hours) implements TemporalContext {

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
            return new Window(e, h);
        }

        public static Window empty() {
            return new Window(new float[0][], new float[0]);
        }

        @Override
        public String toString() {
            return "Window" + Arrays.toString(hours);
        }
    }
}
