package io.embryostream.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbryoIdsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void idsAreStablePerClinicAndDifferAcrossClinicsAndEmbryos() {
        EmbryoIds clinicA = new EmbryoIds(SECRET);
        String id = clinicA.embryoId("embryoscope:D2026.01.15_S02549_I4120_P-15");

        assertThat(new EmbryoIds(SECRET).embryoId("embryoscope:D2026.01.15_S02549_I4120_P-15")).isEqualTo(id);
        assertThat(clinicA.embryoId("embryoscope:D2026.01.15_S02549_I4120_P-16")).isNotEqualTo(id);
        assertThat(new EmbryoIds(SECRET + "x").embryoId("embryoscope:D2026.01.15_S02549_I4120_P-15"))
                .isNotEqualTo(id);
        assertThat(id).matches("[0-9a-f]{32}").doesNotContain("S02549");
    }

    @Test
    void aShortSecretIsRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> new EmbryoIds("short")).hasMessageContaining("EMBRYO_CLINIC_SECRET")
                .hasMessageContaining("openssl rand");
    }

    @Test
    void frameIdsNameEmbryoTimePointAndPlane() {
        assertThat(EmbryoIds.frameId("abc", 98, -15)).isEqualTo("abc:98:-15");
    }
}
