package io.embryostream.classifier.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StageDecoderTest {

    private static final double INTERVAL = 0.25;

    /** Probabilities peaked on {@code stage} with {@code confidence}. */
    private static float[] peaked(int classes, int stage, float confidence) {
        float[] p = new float[classes];
        java.util.Arrays.fill(p, (1 - confidence) / (classes - 1));
        p[stage] = confidence;
        return p;
    }

    private static List<StageDecoder.Confirmation> run(StageDecoder d, DecoderState s, int[] truth, float conf,
                                                       List<Integer> provisional) {
        List<StageDecoder.Confirmation> out = new ArrayList<>();
        for (int t = 0; t < truth.length; t++) {
            StageDecoder.Step step = d.step(s, t + 1, (t + 1) * INTERVAL, peaked(4, truth[t], conf));
            provisional.add(step.provisionalStage());
            out.addAll(step.confirmations());
        }
        out.addAll(d.flush(s));
        return out;
    }

    @Test
    void cleanSequenceIsConfirmedAtTheTrueOnsets() {
        int[] truth = new int[40];
        for (int t = 0; t < 40; t++) {
            truth[t] = t < 10 ? 0 : t < 25 ? 1 : 3; // stage 2 skipped, as annotations often do
        }
        List<StageDecoder.Confirmation> c = run(new StageDecoder(4.0, 2.0), DecoderState.initial(4), truth, 0.9f,
                new ArrayList<>());

        assertThat(c).extracting(StageDecoder.Confirmation::stage).containsExactly(0, 1, 3);
        assertThat(c).extracting(StageDecoder.Confirmation::onsetTimePoint).containsExactly(1, 11, 26);
        assertThat(c.get(2).previousStage()).isEqualTo(1);
        assertThat(c.get(1).onsetHours()).isEqualTo(11 * INTERVAL);
    }

    @Test
    void aSpuriousBackwardFrameNeitherRetractsNorFlickersTheConfirmedStage() {
        int[] truth = new int[40];
        for (int t = 0; t < 40; t++) {
            truth[t] = t < 15 ? 1 : 2;
        }
        truth[30] = 0; // one frame that looks like an earlier stage
        List<Integer> provisional = new ArrayList<>();
        List<StageDecoder.Confirmation> c = run(new StageDecoder(4.0, 1.0), DecoderState.initial(4), truth, 0.8f,
                provisional);

        assertThat(c).extracting(StageDecoder.Confirmation::stage).containsExactly(1, 2);
        assertThat(provisional.subList(20, 40)).containsOnly(2);
    }

    @Test
    void confirmedStagesNeverGoBackwardsOnNoise() {
        Random r = new Random(7);
        StageDecoder d = new StageDecoder(3.0, 1.5);
        DecoderState s = DecoderState.initial(5);
        int last = -1;
        for (int t = 1; t <= 400; t++) {
            float[] p = new float[5];
            float sum = 0;
            for (int k = 0; k < 5; k++) {
                p[k] = r.nextFloat();
                sum += p[k];
            }
            for (int k = 0; k < 5; k++) {
                p[k] /= sum;
            }
            StageDecoder.Step step = d.step(s, t, t * INTERVAL, p);
            for (StageDecoder.Confirmation c : step.confirmations()) {
                assertThat(c.stage()).isGreaterThan(last);
                last = c.stage();
            }
            assertThat(step.provisionalStage()).isGreaterThanOrEqualTo(Math.max(0, s.committedStage()));
        }
    }

    @Test
    void stateSurvivesSerializationMidStream() {
        int[] truth = new int[30];
        for (int t = 0; t < 30; t++) {
            truth[t] = t < 12 ? 0 : 2;
        }
        StageDecoder d = new StageDecoder(4.0, 2.0);
        DecoderState straight = DecoderState.initial(4);
        DecoderState restored = DecoderState.initial(4);
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            float[] p = peaked(4, truth[t], 0.7f);
            a.add(d.step(straight, t + 1, (t + 1) * INTERVAL, p).provisionalStage());
            restored = DecoderState.fromBytes(restored.toBytes());
            b.add(d.step(restored, t + 1, (t + 1) * INTERVAL, p).provisionalStage());
        }
        assertThat(b).isEqualTo(a);
        assertThat(restored.toBytes()).isEqualTo(straight.toBytes());
    }

    @Test
    void outOfOrderTimePointsAreRefused() {
        StageDecoder d = new StageDecoder(4.0, 2.0);
        DecoderState s = DecoderState.initial(3);
        d.step(s, 5, 1.25, new float[] {1, 0, 0});
        assertThatThrownBy(() -> d.step(s, 5, 1.25, new float[] {1, 0, 0})).hasMessageContaining("not after");
    }

    @Test
    void anUnknownStateFormatSaysWhatToDo() {
        byte[] bytes = DecoderState.initial(3).toBytes();
        bytes[0] = 9;
        assertThatThrownBy(() -> DecoderState.fromBytes(bytes)).hasMessageContaining("reset its state stores");
    }
}
