package io.embryostream.ingest.embryoscope;

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
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EmbryoScope annotation export {@code <slide-id> EXPORT.xls} (binary .xls): a header row
 * with a {@code Well} column and one column per annotation in hours post-insemination (tPB2,
 * tPNa, tPNf, t2 … t9, tSC, tM, tSB, tB, tEB, tHB; t9 and tSC both give t9+, the earlier of the
 * two). Unknown columns are ignored and reported once. Patient name and id columns are recognised
 * and dropped: their cells are never read.
 */
public final class EmbryoScopeExportSheet {

    private static final Logger LOG = LoggerFactory.getLogger(EmbryoScopeExportSheet.class);
    private static final Pattern FILE_NAME = Pattern.compile("(?<slide>.+) EXPORT\\.xls");
    private static final String WELL_HEADER = "Well";
    /** Exports may open with a title block; the header row is looked for this far down. */
    private static final int HEADER_SEARCH_ROWS = 10;
    private static final String EXPECTED_HEADER = "Well, tPB2, tPNa, tPNf, t2 … t9, tSC, tM, tSB, tB, tEB, tHB";
    private static final Pattern WELL_NUMBER = Pattern.compile("\\d{1,3}");

    private EmbryoScopeExportSheet() {
    }

    /** {@code <slide-id> EXPORT.xls}. */
    public static String fileName(String slideId) {
        return slideId + " EXPORT.xls";
    }

    /** The slide id in an export's file name, empty when the name is not an export's. */
    public static Optional<String> slideOf(Path file) {
        Matcher m = FILE_NAME.matcher(String.valueOf(file.getFileName()));
        return m.matches() ? Optional.of(m.group("slide")) : Optional.empty();
    }

    /**
     * Reads the export's first sheet: the instrument's binary .xls, or the same layout as .xlsx
     * (what embryo-stream's report writes).
     *
     * @throws ExportFormatException when the file is not an EmbryoScope export (wrong extension,
     *                               empty, not .xls, no Well or annotation header); a bad row or
     *                               cell only rejects its well
     */
    public static SheetReadResult read(Path file) throws IOException {
        boolean xlsx = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(SpreadsheetFile.XLSX.extension());
        try (Workbook workbook = (xlsx ? SpreadsheetFile.XLSX : SpreadsheetFile.XLS).open(file)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw new ExportFormatException(file, "the workbook has no sheet; export the slide again");
            }
            return read(file, workbook.getSheetAt(0));
        }
    }

    private static SheetReadResult read(Path file, Sheet sheet) throws ExportFormatException {
        Row header = headerRow(file, sheet);
        int wellColumn = -1;
        Map<Integer, Phase> phaseByColumn = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        Set<String> seenHeaders = new HashSet<>();
        for (Cell cell : header) {
            String name = HeaderCell.text(cell);
            if (name.isEmpty()) {
                continue;
            }
            if (!seenHeaders.add(name.toLowerCase(Locale.ROOT))) {
                throw new ExportFormatException(file, "column " + name + " appears twice in the header row (row "
                        + (header.getRowNum() + 1) + "); keep one column per annotation");
            }
            Optional<Phase> phase = Phase.fromAnnotationName(name);
            if (name.equalsIgnoreCase(WELL_HEADER)) {
                wellColumn = cell.getColumnIndex();
            } else if (PatientColumns.isPatientHeader(name)) {
                dropped.add(name);
            } else if (phase.isPresent()) {
                phaseByColumn.put(cell.getColumnIndex(), phase.get());
            } else {
                unknown.add(name);
            }
        }
        if (phaseByColumn.isEmpty()) {
            throw new ExportFormatException(file, "the header row (row " + (header.getRowNum() + 1) + ") has a Well column"
                    + " but no annotation column; expected " + EXPECTED_HEADER + " — export the annotations too");
        }
        if (!unknown.isEmpty()) {
            LOG.info("{}: ignored columns that are not annotations: {}", file.getFileName(), unknown);
        }
        SheetWells sheetWells = new SheetWells();
        if (!dropped.isEmpty()) {
            sheetWells.warn("dropped patient columns " + dropped + " unread");
        }
        for (Row row : sheet) {
            if (row.getRowNum() <= header.getRowNum() || isBlank(row, wellColumn, phaseByColumn)) {
                continue;
            }
            try {
                EmbryoScopeWell well = wellOf(file, row, wellColumn);
                if (!sheetWells.firstTime(well.id())) {
                    throw new ExportFormatException(file, "row " + (row.getRowNum() + 1) + ": well " + well.number()
                            + " already has a row above; keep one row per well");
                }
                sheetWells.add(well.id(), "row " + (row.getRowNum() + 1), onsetsOf(file, row, phaseByColumn, well));
            } catch (ExportFormatException e) {
                sheetWells.reject(e);
            }
        }
        return sheetWells.result(unknown);
    }

    private static Row headerRow(Path file, Sheet sheet) throws ExportFormatException {
        for (Row row : sheet) {
            if (row.getRowNum() >= HEADER_SEARCH_ROWS) {
                break;
            }
            for (Cell cell : row) {
                if (HeaderCell.text(cell).equalsIgnoreCase(WELL_HEADER)) {
                    return row;
                }
            }
        }
        throw new ExportFormatException(file, "no '" + WELL_HEADER + "' column header in the first " + HEADER_SEARCH_ROWS
                + " rows; expected a header row " + EXPECTED_HEADER + " — is this an EmbryoScope export?");
    }

    /** Trailing empty rows are common in exports; a row with only patient cells is also skipped. */
    private static boolean isBlank(Row row, int wellColumn, Map<Integer, Phase> phaseByColumn) {
        if (!isBlank(row.getCell(wellColumn))) {
            return false;
        }
        return phaseByColumn.keySet().stream().allMatch(c -> isBlank(row.getCell(c)));
    }

    private static boolean isBlank(Cell cell) {
        return cell == null || cell.getCellType() == CellType.BLANK
                || (cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank());
    }

    private static EmbryoScopeWell wellOf(Path file, Row row, int wellColumn) throws ExportFormatException {
        Cell cell = row.getCell(wellColumn);
        String what = "row " + (row.getRowNum() + 1) + ": the Well cell ";
        if (cell != null && cell.getCellType() == CellType.NUMERIC) {
            double value = cell.getNumericCellValue();
            if (value >= 1 && value == Math.rint(value) && value < 1000) {
                return new EmbryoScopeWell((int) value);
            }
            throw new ExportFormatException(file, what + "holds " + value + "; wells are whole numbers from 1, correct it");
        }
        String text = HeaderCell.text(cell);
        if (WELL_NUMBER.matcher(text).matches() && Integer.parseInt(text) >= 1) {
            return new EmbryoScopeWell(Integer.parseInt(text));
        }
        // The content is not quoted: a shifted column could put a patient name here.
        throw new ExportFormatException(file, what + (isBlank(cell) ? "is empty" : "does not hold a well number")
                + "; write the well number (1, 2, …) of this row's embryo");
    }

    private static Onsets onsetsOf(Path file, Row row, Map<Integer, Phase> phaseByColumn, EmbryoScopeWell well)
            throws ExportFormatException {
        Map<Phase, Double> onsets = new EnumMap<>(Phase.class);
        for (Map.Entry<Integer, Phase> e : phaseByColumn.entrySet()) {
            Phase phase = e.getValue();
            OptionalDouble hours = HoursCell.read(row.getCell(e.getKey()), file, "well " + well.number() + ", " + phase.label());
            // t9 and tSC both mark t9+: its onset is whichever came first.
            hours.ifPresent(h -> onsets.merge(phase, h, Math::min));
        }
        return OnsetOrder.checked(Onsets.of(onsets), file, "well " + well.number(), AnnotationUnit.HOURS);
    }

    /**
     * Writes an export: {@code Patient Name}, {@code Patient ID}, {@code Well}, then tPB2 … tHB
     * (t9+ written as t9), one row per well in the given order.
     *
     * @param patient fake values for the patient columns, so readers can be shown to drop them
     * @throws IllegalArgumentException for wells not named WELL&lt;nn&gt; or not in hours
     */
    public static void write(Path file, List<WellAnnotation> wells, PatientColumns patient) throws IOException {
        List<EmbryoScopeWell> numbers = new ArrayList<>();
        for (WellAnnotation well : wells) {
            numbers.add(EmbryoScopeWell.parseId(well.wellId()).orElseThrow(() ->
                    new IllegalArgumentException("EmbryoScope wells are named WELL<nn>, not '" + well.wellId() + "'")));
            if (well.unit() != AnnotationUnit.HOURS) {
                throw new IllegalArgumentException("EmbryoScope exports hold hours; well " + well.wellId() + " is in " + well.unit());
            }
            if (well.onsets().isRapidAnnotation()) {
                throw new IllegalArgumentException("EmbryoScope exports have no rapid annotation (MIRI's ras); well " + well.wellId());
            }
        }
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("EXPORT");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue(PatientColumns.NAME_HEADER);
            header.createCell(1).setCellValue(PatientColumns.ID_HEADER);
            header.createCell(2).setCellValue(WELL_HEADER);
            Phase[] phases = Phase.values();
            for (int i = 0; i < phases.length; i++) {
                header.createCell(3 + i).setCellValue(phases[i] == Phase.T9_PLUS ? "t9" : phases[i].label());
            }
            for (int r = 0; r < wells.size(); r++) {
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(patient.name());
                row.createCell(1).setCellValue(patient.id());
                row.createCell(2).setCellValue(numbers.get(r).number());
                Map<Phase, Double> onsets = wells.get(r).onsets().asMap();
                for (int i = 0; i < phases.length; i++) {
                    Double hours = onsets.get(phases[i]);
                    if (hours != null) {
                        row.createCell(3 + i).setCellValue(hours);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }
}
