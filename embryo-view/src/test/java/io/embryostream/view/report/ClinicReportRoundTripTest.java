package io.embryostream.view.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.ingest.embryoscope.EmbryoScopeExportSheet;
import io.embryostream.ingest.miri.MiriSummarySheet;
import io.embryostream.schemas.AnnotationAction;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.staging.Phase;
import io.embryostream.view.query.ReviewPolicy;
import io.embryostream.view.timeline.EmbryoTimeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report, read back by the ingest's own sheet readers, gives the predicted onsets it was written from. */
class ClinicReportRoundTripTest {

    private static final String SLIDE = "D2026.01.15_S02549";

    @TempDir
    Path dir;

    @Test
    void embryoScopeReportReadsBackToThePredictedOnsets() throws Exception {
        List<ReportRow> rows = rows();
        Path file = dir.resolve(ClinicReportFormat.EMBRYOSCOPE.fileName(SLIDE));
        ClinicReportWriter.write(file, ClinicReportFormat.EMBRYOSCOPE, rows);

        SheetReadResult read = EmbryoScopeExportSheet.read(file);

        assertThat(read.rejected()).isEmpty();
        assertThat(read.unknownColumns()).containsExactly("Model", "Model version", "Review flags");
        assertThat(onsetsByWell(read)).isEqualTo(rows.stream().collect(Collectors.toMap(
                r -> String.format("WELL%02d", r.wellNumber()), ReportRow::onsets)));
    }

    @Test
    void miriReportReadsBackToThePronucleiOnsets() throws Exception {
        List<ReportRow> rows = rows();
        Path file = dir.resolve(ClinicReportFormat.MIRI.fileName("MTL-0130-0EFD-D6E0-[37]"));
        ClinicReportWriter.write(file, ClinicReportFormat.MIRI, rows);

        SheetReadResult read = MiriSummarySheet.read(file);

        assertThat(read.rejected()).isEmpty();
        Map<String, Map<Phase, Double>> expected = new java.util.TreeMap<>();
        for (ReportRow r : rows) {
            Map<Phase, Double> early = new EnumMap<>(Phase.class);
            r.onsets().forEach((p, h) -> {
                if (p.ordinal() <= Phase.TPNF.ordinal()) {
                    early.put(p, h);
                }
            });
            expected.put(String.format("P%02d", r.wellNumber()), early);
        }
        assertThat(onsetsByWell(read)).isEqualTo(expected);
    }

    @Test
    void reviewFlagsNameAlertsReviewsAndUnreviewedLowConfidenceCalls() {
        ReportRow row = rows().get(0);
        assertThat(row.modelVersion()).isEqualTo("3");
        assertThat(row.reviewFlags()).contains("t2 corrected to 25.75 h by embryologist-7")
                .contains("t3 at 35.8 h unreviewed, confidence 0.41");
    }

    private static Map<String, Map<Phase, Double>> onsetsByWell(SheetReadResult read) {
        Map<String, Map<Phase, Double>> out = new java.util.TreeMap<>();
        for (WellAnnotation w : read.wells()) {
            out.put(w.wellId(), w.onsets().asMap());
        }
        return out;
    }

    private static List<ReportRow> rows() {
        List<ReportRow> rows = new ArrayList<>();
        rows.add(row(2, Map.of(Phase.TPB2, 3.5, Phase.TPNA, 8.25, Phase.TPNF, 23.0, Phase.T2, 25.5, Phase.T3, 35.75,
                Phase.T9_PLUS, 68.0, Phase.TB, 98.5), true));
        rows.add(row(7, Map.of(Phase.TPB2, 4.0, Phase.TPNA, 9.5, Phase.T2, 27.25), false));
        return rows;
    }

    private static ReportRow row(int well, Map<Phase, Double> onsets, boolean reviewed) {
        String id = "embryo" + well;
        EmbryoTimeline t = new EmbryoTimeline(id);
        Instant at = Instant.parse("2026-01-15T10:00:00Z");
        onsets.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> t.apply(TransitionEvent.newBuilder()
                .setTransitionId(id + ":3:" + e.getKey().label()).setEmbryoId(id).setDisplayLabel(SLIDE + " WELL0" + well)
                .setScheme("gomez-16").setStageIndex(e.getKey().ordinal()).setStageName(e.getKey().label())
                .setPreviousStageName(null).setOnsetTimePoint((int) (e.getValue() * 4)).setOnsetHours(e.getValue())
                .setConfirmedAtTimePoint((int) (e.getValue() * 4) + 8).setConfidence(e.getKey() == Phase.T3 ? 0.41f : 0.9f)
                .setModelId("cnn-lstm").setModelVersion("3").setEmitTime(at).build(), 2.0));
        if (reviewed) {
            t.apply(AnnotationEvent.newBuilder().setAnnotationId("a1").setEmbryoId(id).setDisplayLabel(SLIDE + " WELL0" + well)
                    .setTransitionId(id + ":3:t2").setStageName("t2").setAction(AnnotationAction.CORRECT)
                    .setCorrectedOnsetHours(25.75).setCorrectedStageName(null).setReviewer("embryologist-7")
                    .setReviewedAt(at).setModelId("cnn-lstm").setModelVersion("3").setComment(null).build(), 2.0);
        }
        return ReportRow.of(t, new ReviewPolicy(0.6)).orElseThrow();
    }
}
