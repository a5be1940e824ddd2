package io.embryostream.view.report;

import io.embryostream.staging.Phase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one slide's predicted onsets in a clinic's own layout (.xlsx), with the model, its version
 * and review flags in extra columns (EmbryoScope) or extra rows (MIRI) that the clinics' readers,
 * and this project's ingest, skip as unknown. Cells are hours post-insemination; blank = not reached.
 */
public final class ClinicReportWriter {

    private static final Logger log = LoggerFactory.getLogger(ClinicReportWriter.class);
    static final String MODEL = "Model";
    static final String MODEL_VERSION = "Model version";
    static final String REVIEW_FLAGS = "Review flags";
    /** MIRI summary rows in order, with the phase each holds; null: never predicted (1PN, 3PN, ras). */
    private static final List<MiriRow> MIRI_ROWS = List.of(new MiriRow("2PB", Phase.TPB2), new MiriRow("1PN", null),
            new MiriRow("2PN", Phase.TPNA), new MiriRow("3PN", null), new MiriRow("PN Fading", Phase.TPNF),
            new MiriRow("ras", null));

    private record MiriRow(String label, Phase phase) {
    }

    private ClinicReportWriter() {
    }

    /** Writes {@code rows} (one slide's) to {@code file}; wells in number order. */
    public static void write(Path file, ClinicReportFormat format, List<ReportRow> rows) throws IOException {
        List<ReportRow> wells = rows.stream().sorted(Comparator.comparingInt(ReportRow::wellNumber)).toList();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            if (format == ClinicReportFormat.EMBRYOSCOPE) {
                embryoScope(workbook.createSheet("EXPORT"), wells);
            } else {
                miri(workbook.createSheet("summary"), wells);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    private static void embryoScope(Sheet sheet, List<ReportRow> wells) {
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue("Well");
        Phase[] phases = Phase.values();
        for (int i = 0; i < phases.length; i++) {
            // EmbryoScope names t9+ "t9"
            header.createCell(1 + i).setCellValue(phases[i] == Phase.T9_PLUS ? "t9" : phases[i].label());
        }
        header.createCell(1 + phases.length).setCellValue(MODEL);
        header.createCell(2 + phases.length).setCellValue(MODEL_VERSION);
        header.createCell(3 + phases.length).setCellValue(REVIEW_FLAGS);
        for (int r = 0; r < wells.size(); r++) {
            ReportRow well = wells.get(r);
            Row row = sheet.createRow(r + 1);
            row.createCell(0).setCellValue(well.wellNumber());
            for (int i = 0; i < phases.length; i++) {
                Double hours = well.onsets().get(phases[i]);
                if (hours != null) {
                    row.createCell(1 + i).setCellValue(hours);
                }
            }
            row.createCell(1 + phases.length).setCellValue(well.modelId());
            row.createCell(2 + phases.length).setCellValue(well.modelVersion());
            row.createCell(3 + phases.length).setCellValue(well.reviewFlags());
        }
    }

    private static void miri(Sheet sheet, List<ReportRow> wells) {
        wells.stream().filter(w -> w.onsets().keySet().stream().anyMatch(p -> p.ordinal() > Phase.TPNF.ordinal()))
                .findFirst().ifPresent(w -> log.info("A MIRI summary holds onsets up to PN fading; later predicted"
                        + " onsets (t2 …) are left out of the slide {} summary: write the EmbryoScope layout for them", w.slide()));
        Row header = sheet.createRow(0);
        wells.forEach(w -> header.createCell(w.wellNumber()).setCellValue("P" + w.wellNumber()));
        int r = 1;
        for (MiriRow label : MIRI_ROWS) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(label.label());
            for (ReportRow well : wells) {
                Double hours = label.phase() == null ? null : well.onsets().get(label.phase());
                if (hours != null) {
                    row.createCell(well.wellNumber()).setCellValue(hours);
                }
            }
        }
        textRow(sheet.createRow(r++), MODEL, wells, ReportRow::modelId);
        textRow(sheet.createRow(r++), MODEL_VERSION, wells, ReportRow::modelVersion);
        textRow(sheet.createRow(r), REVIEW_FLAGS, wells, ReportRow::reviewFlags);
    }

    private static void textRow(Row row, String label, List<ReportRow> wells, Function<ReportRow, String> value) {
        row.createCell(0).setCellValue(label);
        wells.forEach(w -> row.createCell(w.wellNumber()).setCellValue(value.apply(w)));
    }
}
