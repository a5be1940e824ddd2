package io.embryostream.ingest.annotation;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds workbooks cell by cell with POI, independently of the writers under test, and reads
 * cells back the same way. Grid values: String → text, Number → numeric, {@link #NUM_ERROR} →
 * the #NUM! error, null → no cell.
 */
public final class SheetFixtures {

    public static final Object NUM_ERROR = new Object();

    private SheetFixtures() {
    }

    public static Path xlsx(Path file, Object[][] grid) throws IOException {
        try (Workbook workbook = new XSSFWorkbook()) {
            return write(workbook, file, grid);
        }
    }

    public static Path xls(Path file, Object[][] grid) throws IOException {
        try (Workbook workbook = new HSSFWorkbook()) {
            return write(workbook, file, grid);
        }
    }

    private static Path write(Workbook workbook, Path file, Object[][] grid) throws IOException {
        Sheet sheet = workbook.createSheet("data");
        for (int r = 0; r < grid.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < grid[r].length; c++) {
                Object value = grid[r][c];
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                if (value instanceof String s) {
                    cell.setCellValue(s);
                } else if (value instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (value == NUM_ERROR) {
                    cell.setCellErrorValue(FormulaError.NUM.getCode());
                } else {
                    throw new IllegalArgumentException("Unsupported fixture value " + value);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    /** The first sheet's cell at (row, column) as POI reads it, or null where there is none. */
    public static Object cell(Path file, int row, int column) throws IOException {
        try (Workbook workbook = WorkbookFactory.create(file.toFile(), null, true)) {
            Row r = workbook.getSheetAt(0).getRow(row);
            Cell cell = r == null ? null : r.getCell(column);
            if (cell == null) {
                return null;
            }
            return switch (cell.getCellType()) {
                case NUMERIC -> cell.getNumericCellValue();
                case STRING -> cell.getStringCellValue();
                default -> cell.getCellType().name();
            };
        }
    }
}
