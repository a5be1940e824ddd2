package io.embryostream.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;

/** Mutations of one cell that holds hours post-insemination, shared by the vendors' sheets. */
final class HourCells {

    static final List<String> KINDS = List.of("text-number-comma", "text-number-spaces", "text-garbage", "formula",
            "formula-error", "formula-text", "boolean", "negative", "blank");

    private HourCells() {
    }

    /** What a cell mutation must lead to, and what the report must name. */
    record Effect(Expectation expect, String names) {
    }

    /** Applies {@code kind} to the cell at {@code column} of {@code row}. */
    static Effect mutate(String kind, Row row, int column, SplittableRandom rnd) {
        Cell cell = row.getCell(column) != null ? row.getCell(column) : row.createCell(column);
        double hours = cell.getCellType() == CellType.NUMERIC ? cell.getNumericCellValue() : 0.2;
        String ref = "cell " + new CellReference(row.getRowNum(), column).formatAsString(false);
        switch (kind) {
            case "text-number-comma" -> {
                cell.setCellValue(String.format(Locale.FRANCE, "%.4f", hours));
                return new Effect(Expectation.PUBLISHED, ref);
            }
            case "text-number-spaces" -> {
                cell.setCellValue("  " + hours + " ");
                return new Effect(Expectation.PUBLISHED, ref);
            }
            case "text-garbage" -> cell.setCellValue(Mutations.garbageText(rnd));
            case "formula" -> {
                row.removeCell(cell);
                row.createCell(column).setCellFormula(hours + "*1");
                return new Effect(Expectation.PUBLISHED, ref);
            }
            case "formula-error" -> {
                row.removeCell(cell);
                row.createCell(column).setCellFormula(rnd.nextBoolean() ? "1/0" : "SQRT(-1)");
            }
            case "formula-text" -> {
                row.removeCell(cell);
                row.createCell(column).setCellFormula("\"abc\"&\"def\"");
            }
            case "boolean" -> cell.setCellValue(true);
            case "negative" -> cell.setCellValue(-1 - rnd.nextInt(100));
            case "blank" -> {
                row.removeCell(cell);
                return new Effect(Expectation.PUBLISHED, ref);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return new Effect(Expectation.REPORTED, ref);
    }
}
