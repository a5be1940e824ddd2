package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.AnnotationUnit;
import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.annotation.HeaderCell;
import io.embryostream.ingest.annotation.HoursCell;
import io.embryostream.ingest.annotation.OnsetOrder;
import io.embryostream.ingest.annotation.SheetReadResult;
import io.embryostream.ingest.annotation.SheetWells;
import io.embryostream.ingest.annotation.SpreadsheetFile;
import io.embryostream.ingest.annotation.WellAnnotation;
import io.embryostream.staging.Onsets;
import io.embryostream.staging.Phase;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The MIRI annotation workbook {@code Time-lapse # <slide id> summary.xlsx}, transposed: column A
 * holds the row labels ({@code 2PB}, {@code 1PN}, {@code 2PN}, {@code 3PN}, {@code PN Fading},
 * {@code ras}), each further column is a well in order P1, P2, …, and an optional first row names
 * the wells. Cells are hours post-insemination, blank where the event was not seen.
 * <p>
 * Onsets: 2PB → tPB2; 2PN, else 1PN, else 3PN → tPNa; PN Fading → tPNf. A numeric {@code ras}
 * cell makes the well {@link Onsets#rapidAnnotation()}. Wells with nothing filled are not annotated.
 */
public final class MiriSummarySheet {

    private static final Logger LOG = LoggerFactory.getLogger(MiriSummarySheet.class);
    private static final Pattern FILE_NAME = Pattern.compile("Time-lapse # (?<slide>.+) summary\\.xlsx");
    private static final String EXPECTED_LABELS = Arrays.stream(MiriSummaryRow.values())
            .map(MiriSummaryRow::label).collect(Collectors.joining(", "));
    /** Where two or more pronuclei rows are filled, the first in this order gives the onset. */
    private static final List<MiriSummaryRow> PRONUCLEI_PRECEDENCE =
            List.of(MiriSummaryRow.PN2, MiriSummaryRow.PN1, MiriSummaryRow.PN3);
    /** The "ras" cell value the writer puts; readers only look at whether it is a number. */
    private static final double RAPID_ANNOTATION_CELL = 0;

    private MiriSummarySheet() {
    }

    /** {@code Time-lapse # <slide id> summary.xlsx}. */
    public static String fileName(MiriSlideId slide) {
        return "Time-lapse # " + slide.value() + " summary.xlsx";
    }

    /** The slide id in a summary's file name, empty when the name is not a MIRI summary's. */
    public static Optional<MiriSlideId> slideOf(Path file) {
        Matcher m = FILE_NAME.matcher(String.valueOf(file.getFileName()));
        return m.matches() ? MiriSlideId.parse(m.group("slide")) : Optional.empty();
    }

    /**
     * Reads the summary's first sheet.
     *
     * @throws ExportFormatException when the file is not a MIRI summary (wrong extension, empty,
     *                               not xlsx, row labels not found); a bad cell only rejects its well
     */
    public static SheetReadResult read(Path file) throws IOException {
        try (Workbook workbook = SpreadsheetFile.XLSX.open(file)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new ExportFormatException(file, "the workbook has no sheet; export the slide's summary again");
            }
            return read(file, workbook.getSheetAt(0));
        }
    }

    private static SheetReadResult read(Path file, Sheet sheet) throws ExportFormatException {
        Map<MiriSummaryRow, Row> rows = new EnumMap<>(MiriSummaryRow.class);
        Set<String> unknownLabels = new LinkedHashSet<>();
        Row wellHeader = null;
        for (Row row : sheet) {
            String label = HeaderCell.text(row.getCell(0));
            Optional<MiriSummaryRow> known = label.isEmpty() ? Optional.empty() : MiriSummaryRow.of(label);
            if (known.isPresent()) {
                if (rows.put(known.get(), row) != null) {
                    throw new ExportFormatException(file, "row label " + known.get().label() + " appears twice in column A"
                            + " (again at row " + (row.getRowNum() + 1) + "); keep one row per label");
                }
            } else if (rows.isEmpty() && wellHeader == null && namesWells(row)) {
                wellHeader = row;
            } else if (!label.isEmpty()) {
                unknownLabels.add(label);
            }
        }
        List<String> missing = Arrays.stream(MiriSummaryRow.values())
                .filter(r -> r.required() && !rows.containsKey(r)).map(MiriSummaryRow::label).toList();
        if (!missing.isEmpty()) {
            throw new ExportFormatException(file, "row labels not found in column A (missing " + String.join(", ", missing)
                    + "); expected " + EXPECTED_LABELS + " — is this a MIRI summary? Its first column must hold these labels");
        }
        if (!unknownLabels.isEmpty()) {
            LOG.warn("{}: ignored unknown row labels in column A: {}", file.getFileName(), unknownLabels);
        }

        SheetWells sheetWells = new SheetWells();
        int lastColumn = lastColumn(rows.values(), wellHeader);
        for (int column = 1; column <= lastColumn; column++) {
            if (wellHeader != null && HeaderCell.text(wellHeader.getCell(column)).isEmpty() && isEmpty(rows.values(), column)) {
                continue;
            }
            try {
                MiriWell well = wellOf(file, wellHeader, column);
                if (!sheetWells.firstTime(well.id())) {
                    throw new ExportFormatException(file, "well " + well.id() + " is named twice in the first row (again in column "
                            + CellReference.convertNumToColString(column) + "); give each well its own column");
                }
                sheetWells.add(well.id(), "column " + CellReference.convertNumToColString(column),
                        onsetsOf(file, rows, column, well));
            } catch (ExportFormatException e) {
                sheetWells.reject(e);
            }
        }
        return sheetWells.result(unknownLabels);
    }

    /** A row naming wells: every filled cell after column A reads P&lt;n&gt;, and there is one. */
    private static boolean namesWells(Row row) {
        boolean any = false;
        for (Cell cell : row) {
            if (cell.getColumnIndex() == 0 || HeaderCell.text(cell).isEmpty()) {
                continue;
            }
            if (MiriWell.parse(HeaderCell.text(cell)).isEmpty()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean isEmpty(Iterable<Row> rows, int column) {
        for (Row row : rows) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() != CellType.BLANK) {
                return false;
            }
        }
        return true;
    }

    private static int lastColumn(Iterable<Row> rows, Row wellHeader) {
        int last = wellHeader == null ? 0 : wellHeader.getLastCellNum() - 1;
        for (Row row : rows) {
            last = Math.max(last, row.getLastCellNum() - 1);
        }
        return last;
    }

    private static MiriWell wellOf(Path file, Row wellHeader, int column) throws ExportFormatException {
        if (wellHeader == null) {
            return new MiriWell(column);
        }
        return MiriWell.parse(HeaderCell.text(wellHeader.getCell(column))).orElseThrow(() -> new ExportFormatException(file,
                "the first row names wells, but cell " + new CellReference(wellHeader.getRowNum(), column).formatAsString(false)
                        + " does not read P<n>; name this column's well (P1, P2, …) or delete the column"));
    }

    private static Onsets onsetsOf(Path file, Map<MiriSummaryRow, Row> rows, int column, MiriWell well)
            throws ExportFormatException {
        Map<MiriSummaryRow, Double> hours = new EnumMap<>(MiriSummaryRow.class);
        for (Map.Entry<MiriSummaryRow, Row> e : rows.entrySet()) {
            OptionalDouble value = HoursCell.read(e.getValue().getCell(column), file, "well " + well.id() + ", " + e.getKey().label());
            value.ifPresent(v -> hours.put(e.getKey(), v));
        }
        if (hours.containsKey(MiriSummaryRow.RAS)) {
            return Onsets.rapidAnnotation();
        }
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        Optional.ofNullable(hours.get(MiriSummaryRow.PB2)).ifPresent(h -> onsets.put(Phase.TPB2, h));
        PRONUCLEI_PRECEDENCE.stream().filter(hours::containsKey).findFirst()
                .ifPresent(r -> onsets.put(Phase.TPNA, hours.get(r)));
        Optional.ofNullable(hours.get(MiriSummaryRow.PN_FADING)).ifPresent(h -> onsets.put(Phase.TPNF, h));
        return OnsetOrder.checked(Onsets.of(onsets), file, "well " + well.id(), AnnotationUnit.HOURS);
    }

    /**
     * Writes a summary: wells go to the column of their number (P3 → column D, earlier empty
     * columns stay blank), tPB2 → 2PB, tPNa → 2PN, tPNf → PN Fading, a rapid annotation → a
     * numeric {@code ras} cell.
     *
     * @param wellHeaderRow whether to put a first row naming the wells (exports with and without exist)
     * @throws IllegalArgumentException for wells not named P&lt;n&gt;, not in hours, or with phases a
     *                                  MIRI summary cannot hold (t2 and later)
     */
    public static void write(Path file, List<WellAnnotation> wells, boolean wellHeaderRow) throws IOException {
        write(file, wells, Map.of(), wellHeaderRow);
    }

    /**
     * As {@link #write(Path, List, boolean)}, with the pronuclei count of each well (by well id,
     * 2 where absent) choosing the row its tPNa goes to: 1 → 1PN, 2 → 2PN, 3 → 3PN, as an
     * embryologist records abnormal fertilization.
     */
    public static void write(Path file, List<WellAnnotation> wells, Map<String, Integer> pronucleiByWell,
                             boolean wellHeaderRow) throws IOException {
        pronucleiByWell.forEach((well, count) -> {
            if (count < 1 || count > 3) {
                throw new IllegalArgumentException("Well " + well + ": pronuclei must be 1, 2 or 3, was " + count);
            }
        });
        TreeMap<Integer, WellAnnotation> byColumn = new TreeMap<>();
        for (WellAnnotation well : wells) {
            MiriWell miriWell = MiriWell.parse(well.wellId()).orElseThrow(() ->
                    new IllegalArgumentException("MIRI wells are named P<n>, not '" + well.wellId() + "'"));
            if (well.unit() != AnnotationUnit.HOURS) {
                throw new IllegalArgumentException("MIRI summaries hold hours; well " + well.wellId() + " is in " + well.unit());
            }
            well.onsets().asMap().keySet().stream()
                    .filter(p -> p.ordinal() > Phase.TPNF.ordinal())
                    .findFirst()
                    .ifPresent(p -> {
                        throw new IllegalArgumentException("A MIRI summary has no row for " + p.label() + " (well " + well.wellId() + ")");
                    });
            if (byColumn.put(miriWell.number(), well) != null) {
                throw new IllegalArgumentException("Well " + miriWell.id() + " given twice");
            }
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("summary");
            int rowIndex = 0;
            if (wellHeaderRow) {
                Row header = sheet.createRow(rowIndex++);
                int lastWell = byColumn.isEmpty() ? 0 : byColumn.lastKey();
                for (int n = 1; n <= lastWell; n++) {
                    header.createCell(n).setCellValue("P" + n);
                }
            }
            for (MiriSummaryRow label : MiriSummaryRow.values()) {
                Row row = sheet.createRow(rowIndex++);
                row.createCell(0).setCellValue(label.label());
                byColumn.forEach((column, well) -> cellValue(label, well, pronucleiByWell.getOrDefault(well.wellId(), 2))
                        .ifPresent(v -> row.createCell(column).setCellValue(v)));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    private static OptionalDouble cellValue(MiriSummaryRow label, WellAnnotation well, int pronuclei) {
        Onsets onsets = well.onsets();
        if (onsets.isRapidAnnotation()) {
            return label == MiriSummaryRow.RAS ? OptionalDouble.of(RAPID_ANNOTATION_CELL) : OptionalDouble.empty();
        }
        return switch (label) {
            case PB2 -> onsets.onset(Phase.TPB2);
            case PN1 -> pronuclei == 1 ? onsets.onset(Phase.TPNA) : OptionalDouble.empty();
            case PN2 -> pronuclei == 2 ? onsets.onset(Phase.TPNA) : OptionalDouble.empty();
            case PN3 -> pronuclei == 3 ? onsets.onset(Phase.TPNA) : OptionalDouble.empty();
            case PN_FADING -> onsets.onset(Phase.TPNF);
            case RAS -> OptionalDouble.empty();
        };
    }
}
