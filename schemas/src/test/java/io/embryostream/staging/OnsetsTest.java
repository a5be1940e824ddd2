package io.embryostream.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnsetsTest {

    /** KF460-3 as published: tPNf 25-36 overlaps t2 33-39. Onsets only. */
    private static Onsets overlapping() {
        Map<Phase, Double> m = new EnumMap<>(Phase.class);
        m.put(Phase.TPB2, 3.0);
        m.put(Phase.TPNA, 10.0);
        m.put(Phase.TPNF, 25.0);
        m.put(Phase.T2, 33.0);
        m.put(Phase.T4, 45.0); // t3 missing: the gap continues t2
        return Onsets.of(m);
    }

    @Test
    void gomez16LabelIsTheLatestPhaseWhoseOnsetIsAtOrBefore() {
        Onsets o = overlapping();
        assertThat(o.gomez16(2.9)).isEmpty();
        assertThat(o.gomez16(3.0)).contains(Phase.TPB2);
        assertThat(o.gomez16(32.9)).contains(Phase.TPNF);
        assertThat(o.gomez16(33.0)).contains(Phase.T2);
        assertThat(o.gomez16(44.0)).contains(Phase.T2);
        assertThat(o.gomez16(45.0)).contains(Phase.T4);
        assertThat(o.label(StagingScheme.GOMEZ_16, 100)).contains("t4");
    }

    @Test
    void pronuclear3CoversFramesUpToTheFadingOnset() {
        Onsets o = overlapping();
        assertThat(o.label(StagingScheme.PRONUCLEAR_3, 0)).contains("pre-PB2");
        assertThat(o.label(StagingScheme.PRONUCLEAR_3, 3)).contains("PB2");
        assertThat(o.label(StagingScheme.PRONUCLEAR_3, 10)).contains("PN");
        assertThat(o.label(StagingScheme.PRONUCLEAR_3, 25)).contains("PN");
        assertThat(o.label(StagingScheme.PRONUCLEAR_3, 25.5)).isEmpty();
    }

    @Test
    void withoutFadingPronuclear3EndsAtTheFirstLaterOnset() {
        Onsets o = Onsets.of(Map.of(Phase.TPNA, 10.0, Phase.T2, 30.0));
        assertThat(o.pronuclear3(29.9)).hasValue(2);
        assertThat(o.pronuclear3(30)).isEmpty();
    }

    @Test
    void rapidAnnotationLabelsEveryFramePronuclei() {
        assertThat(Onsets.rapidAnnotation().label(StagingScheme.PRONUCLEAR_3, 0)).contains("PN");
        assertThat(Onsets.rapidAnnotation().gomez16(50)).isEmpty();
    }

    @Test
    void embryoScopeNamesMapToPhases() {
        assertThat(Phase.fromAnnotationName("t9")).contains(Phase.T9_PLUS);
        assertThat(Phase.fromAnnotationName("tSC")).contains(Phase.T9_PLUS);
        assertThat(Phase.fromAnnotationName(" TPNF ")).contains(Phase.TPNF);
        assertThat(Phase.fromAnnotationName("Patient Name")).isEmpty();
        assertThat(StagingScheme.GOMEZ_16.classNames()).hasSize(16).startsWith("tPB2").endsWith("tHB");
    }

    @Test
    void negativeOrNanOnsetsAreRejected() {
        assertThatThrownBy(() -> Onsets.of(Map.of(Phase.T2, -1.0))).hasMessageContaining("t2");
        assertThatThrownBy(() -> Onsets.of(Map.of(Phase.T2, Double.NaN))).hasMessageContaining("non-negative");
    }
}
