package io.embryostream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Java's calibration against the trainer's formula (temperature-scaling.json, written by Python). */
class TemperatureScalingTest {

    @Test
    void calibratedRowsEqualTheTrainersForEveryTemperature() throws IOException {
        JsonNode fixture = new ObjectMapper().readTree(Path.of("src/test/resources/temperature-scaling.json").toFile());
        int compared = 0;
        for (JsonNode c : fixture.get("cases")) {
            TemperatureScaling t = new TemperatureScaling(c.get("temperature").asDouble());
            for (int r = 0; r < c.get("probabilities").size(); r++) {
                float[] calibrated = t.apply(floats(c.get("probabilities").get(r)));
                float[] expected = floats(c.get("calibrated").get(r));
                for (int k = 0; k < expected.length; k++) {
                    assertThat(calibrated[k]).as("T %s row %d class %d", t.temperature(), r, k)
                            .isCloseTo(expected[k], within(1e-6f));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(32);
    }

    @Test
    void aTemperatureAboveOneSoftensAndBelowOneSharpensWithoutChangingTheArgmax() {
        float[] p = {0.7f, 0.2f, 0.1f};
        float[] soft = new TemperatureScaling(2).apply(p);
        float[] sharp = new TemperatureScaling(0.5).apply(p);
        assertThat(soft[0]).isLessThan(0.7f).isGreaterThan(soft[1]);
        assertThat(sharp[0]).isGreaterThan(0.7f);
        float[][] rows = {p};
        assertThat(TemperatureScaling.NONE.apply(rows)).isSameAs(rows);
    }

    @Test
    void aTemperatureThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new TemperatureScaling(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TemperatureScaling(Double.NaN)).hasMessageContaining("positive");
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
