package io.embryostream.ingest.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Stages start in developmental order; the real Gomez phase files kept in the repository pass (all 524 did: docs/ingest.md). */
class OnsetOrderTest {

    private static final Path FILE = Path.of("summary.xlsx");

    private static Onsets onsets(Object... phaseAndValue) {
        Map<Phase, Double> m = new EnumMap<>(Phase.class);
        for (int i = 0; i < phaseAndValue.length; i += 2) {
            m.put((Phase) phaseAndValue[i], ((Number) phaseAndValue[i + 1]).doubleValue());
        }
        return Onsets.of(m);
    }

    @Test
    void aLaterStageBeforeAnEarlierOneIsRefusedWithBoth() {
        assertThatThrownBy(() -> OnsetOrder.checked(onsets(Phase.TPB2, 30.0, Phase.TPNA, 12.0, Phase.TPNF, 40.0), FILE,
                "well P01", AnnotationUnit.HOURS)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("summary.xlsx", "well P01", "tPB2 at 30.00 h comes after tPNa at 12.00 h");
        assertThatThrownBy(() -> OnsetOrder.checked(onsets(Phase.T2, 100, Phase.T4, 120, Phase.T3, 110, Phase.TB, 90), FILE,
                "embryo X", AnnotationUnit.FRAMES)).hasMessageContaining("t4 at frame 120 comes after tB at frame 90");
    }

    @Test
    void stagesInOrderEqualOnsetsGapsAndRapidAnnotationPass() throws Exception {
        Onsets ordered = onsets(Phase.TPB2, 3.0, Phase.TPNA, 3.0, Phase.T2, 25.0, Phase.TB, 110.0);
        assertThat(OnsetOrder.checked(ordered, FILE, "well P01", AnnotationUnit.HOURS)).isSameAs(ordered);
        assertThat(OnsetOrder.checked(Onsets.rapidAnnotation(), FILE, "well P02", AnnotationUnit.HOURS).isRapidAnnotation()).isTrue();
    }

    @Test
    void theRealGomezPhaseFilesInTheRepositoryAreInDevelopmentalOrder() throws Exception {
        Path data = Path.of(OnsetOrderTest.class.getResource("/gomez").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(f -> f.toString().endsWith("_phases.csv")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Map<Phase, Double> m = new EnumMap<>(Phase.class);
            for (String line : Files.readAllLines(f)) {
                String[] parts = line.split(",");
                if (parts.length >= 2) {
                    Phase.fromAnnotationName(parts[0]).ifPresent(p -> m.put(p, Double.parseDouble(parts[1].strip())));
                }
            }
            assertThat(OnsetOrder.checked(Onsets.of(m), f, "embryo", AnnotationUnit.FRAMES)).as(f.toString()).isNotNull();
        }
    }
}
