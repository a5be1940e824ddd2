package io.embryostream.classifier.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.classifier.decode.StageDecoder.Confirmation;
import io.embryostream.config.Settings;
import io.embryostream.schemas.AlertType;
import io.embryostream.staging.StagingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final List<String> GOMEZ = StagingScheme.GOMEZ_16.classNames();
    private static final AlertThresholds DEFAULTS = AlertThresholds.from(
            Settings.resolve(AlertThresholds.defaults(), null, Map.of(), Map.of()));

    private static float[] onehot(List<String> classes, String stage) {
        float[] p = new float[classes.size()];
        java.util.Arrays.fill(p, 0.01f);
        p[classes.indexOf(stage)] = 0.9f;
        return p;
    }

    private static Confirmation confirmed(String stage, double hours) {
        return new Confirmation(GOMEZ.indexOf(stage), -1, (int) (hours * 4), hours, 0.9f);
    }

    @Test
    void directCleavageFiresOnceWithItsEvidence() {
        AlertRules rules = new AlertRules(DEFAULTS, GOMEZ);
        AlertState s = new AlertState();
        assertThat(rules.evaluate(s, 25, onehot(GOMEZ, "t2"), List.of(confirmed("t2", 25.0)), 3, 25)).isEmpty();

        List<AlertRules.Raised> a = rules.evaluate(s, 28, onehot(GOMEZ, "t3"), List.of(confirmed("t3", 27.5)), 4,
                27.5);

        assertThat(a).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(AlertType.DIRECT_CLEAVAGE);
            assertThat(r.evidence()).containsEntry("t3-t2", "2.50").containsEntry("threshold", "5.00");
        });
        assertThat(rules.evaluate(s, 28.25, onehot(GOMEZ, "t3"), List.of(confirmed("t3", 27.5)), 4, 27.5))
                .isEmpty();
    }

    @Test
    void normalCleavageRaisesNothing() {
        AlertRules rules = new AlertRules(DEFAULTS, GOMEZ);
        AlertState s = new AlertState();
        rules.evaluate(s, 25, onehot(GOMEZ, "t2"), List.of(confirmed("t2", 25.0)), 3, 25);
        assertThat(rules.evaluate(s, 36, onehot(GOMEZ, "t3"), List.of(confirmed("t3", 35.8)), 4, 35.8)).isEmpty();
    }

    @Test
    void reverseCleavageNeedsASustainedDropNotAFlicker() {
        AlertRules rules = new AlertRules(DEFAULTS, GOMEZ);
        AlertState s = new AlertState();
        List<AlertRules.Raised> all = new ArrayList<>();
        double h = 40;
        for (int i = 0; i < 8; i++, h += 0.25) {
            all.addAll(rules.evaluate(s, h, onehot(GOMEZ, "t4"), List.of(), 5, 38));
        }
        all.addAll(rules.evaluate(s, h, onehot(GOMEZ, "t3"), List.of(), 5, 38)); // one-frame flicker
        h += 0.25;
        all.addAll(rules.evaluate(s, h, onehot(GOMEZ, "t4"), List.of(), 5, 38));
        assertThat(all).isEmpty();
        for (int i = 0; i < 10; i++) {
            h += 0.25;
            all.addAll(rules.evaluate(s, h, onehot(GOMEZ, "t3"), List.of(), 5, 38));
        }
        assertThat(all).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(AlertType.REVERSE_CLEAVAGE);
            assertThat(r.evidence()).containsEntry("cellsBefore", "4").containsEntry("cellsNow", "3");
        });
    }

    @Test
    void delayArrestAndLowConfidence() {
        AlertRules rules = new AlertRules(DEFAULTS, GOMEZ);
        AlertState s = new AlertState();
        int tPNf = GOMEZ.indexOf("tPNf");
        assertThat(rules.evaluate(s, 31, onehot(GOMEZ, "tPNf"), List.of(), tPNf, 20)).isEmpty();
        assertThat(rules.evaluate(s, 32.5, onehot(GOMEZ, "tPNf"), List.of(), tPNf, 20))
                .extracting(AlertRules.Raised::type).containsExactly(AlertType.DEVELOPMENTAL_DELAY);
        assertThat(rules.evaluate(s, 44.5, onehot(GOMEZ, "tPNf"), List.of(), tPNf, 20))
                .extracting(AlertRules.Raised::type).containsExactly(AlertType.ARREST);

        float[] unsure = new float[GOMEZ.size()];
        java.util.Arrays.fill(unsure, 1f / GOMEZ.size());
        List<AlertRules.Raised> review = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            review.addAll(rules.evaluate(s, 45 + i * 0.25, unsure, List.of(), tPNf, 20));
        }
        assertThat(review).extracting(AlertRules.Raised::type).containsExactly(AlertType.LOW_CONFIDENCE);
    }

    @Test
    void rulesWhoseStagesTheSchemeLacksStayOff() {
        List<String> pn3 = StagingScheme.PRONUCLEAR_3.classNames();
        AlertRules rules = new AlertRules(DEFAULTS, pn3);
        AlertState s = new AlertState();
        assertThat(rules.evaluate(s, 200, onehot(pn3, "PN"), List.of(), 2, 10)).isEmpty();
    }

    @Test
    void stateRoundTrips() {
        AlertRules rules = new AlertRules(DEFAULTS, GOMEZ);
        AlertState s = new AlertState();
        rules.evaluate(s, 25, onehot(GOMEZ, "t2"), List.of(confirmed("t2", 25.0)), 3, 25);
        rules.evaluate(s, 64, onehot(GOMEZ, "t2"), List.of(), 3, 25); // t5 window passed: delay
        AlertState back = AlertState.fromBytes(s.toBytes());
        assertThat(back.toBytes()).isEqualTo(s.toBytes());
        assertThat(back.raised).isEqualTo(s.raised).isNotEmpty();
    }
}
