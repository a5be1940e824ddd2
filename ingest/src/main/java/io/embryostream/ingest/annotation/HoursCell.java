package io.embryostream.ingest.annotation;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellReference;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Reads one annotation cell that holds hours post-insemination: a number, or blank when the
 * event was not seen. Anything else is an {@link ExportFormatException} naming the cell. Text
 * contents are never quoted in messages: a shifted column could put a patient name there.
 */
public final class HoursCell {

    private HoursCell() {
    }

    /**
     * @param cell    the cell, or {@code null} where the row has none
     * @param file    the workbook, for the message
     * @param context what the cell is, e.g. {@code "well P03, 2PN"}
     */
    public static OptionalDouble read(Cell cell, Path file, String context) throws ExportFormatException {
        if (cell == null) {
            return OptionalDouble.empty();
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case BLANK, _NONE -> OptionalDouble.empty();
            case STRING -> {
                if (cell.getStringCellValue().isBlank()) {
                    yield OptionalDouble.empty();
                }
                throw problem(cell, file, context, "holds text, not a number of hours; type the hours post-insemination"
                        + " as a number, or clear the cell if the event was not seen");
            }
            case NUMERIC -> {
                double hours = cell.getNumericCellValue();
                if (!Double.isFinite(hours)) {
                    throw problem(cell, file, context, "holds " + hours + "; type the hours post-insemination or clear the cell");
                }
                if (hours < 0) {
                    throw problem(cell, file, context, "holds " + hours + " hours; hours post-insemination cannot be"
                            + " negative, correct the value or clear the cell");
                }
                yield OptionalDouble.of(hours);
            }
            case ERROR -> throw problem(cell, file, context, "holds the spreadsheet error "
                    + FormulaError.forInt(cell.getErrorCellValue()).getString()
                    + "; replace it with the hours post-insemination or clear the cell");
            case BOOLEAN -> throw problem(cell, file, context, "holds TRUE/FALSE, not a number of hours; type the hours"
                    + " post-insemination or clear the cell");
            case FORMULA -> throw new IllegalStateException("a cached formula result cannot be a formula");
        };
    }

    private static ExportFormatException problem(Cell cell, Path file, String context, String what) {
        String ref = new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString(false);
        return new ExportFormatException(file, "cell " + ref + " (" + context + ") " + what);
    }
}
