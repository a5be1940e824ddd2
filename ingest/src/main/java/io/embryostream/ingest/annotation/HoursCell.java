package io.embryostream.ingest.annotation;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellReference;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads one annotation cell that holds hours post-insemination: a number, or blank when the
 * event was not seen. A formula is evaluated by POI's evaluator, never trusted to its cached value
 * (some tools write formulas without one, which reads as 0); a formula POI cannot evaluate is refused.
 * Text that is a plain number ({@code 7.54}, or {@code 7,54} with a decimal comma) is read as that
 * number. Anything else is an {@link ExportFormatException} naming the cell. Text contents and
 * formulas are never quoted in messages: a shifted column could put a patient name there.
 */
public final class HoursCell {

    /** Digits with an optional decimal point or comma; no thousands separators (hours stay below 1,000). */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\s*(\\d+)(?:[.,](\\d+))?\\s*");

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
        boolean formula = cell.getCellType() == CellType.FORMULA;
        CellValue value = formula ? evaluated(cell, file, context) : valueOf(cell);
        if (value == null) {
            return OptionalDouble.empty();
        }
        // a formula's result is named as such: the person fixing it looks at the formula, not at a typed value
        String holds = formula ? "holds a formula whose result is " : "holds ";
        return switch (value.getCellType()) {
            case BLANK, _NONE -> OptionalDouble.empty();
            case STRING -> text(value.getStringValue(), cell, file, context, holds);
            case NUMERIC -> hours(value.getNumberValue(), cell, file, context, holds);
            case ERROR -> throw problem(cell, file, context, holds + "the spreadsheet error "
                    + FormulaError.forInt(value.getErrorValue()).getString()
                    + "; replace it with the hours post-insemination or clear the cell");
            case BOOLEAN -> throw problem(cell, file, context, holds + "TRUE/FALSE, not a number of hours; type the hours"
                    + " post-insemination or clear the cell");
            case FORMULA -> throw new IllegalStateException("a cell value cannot be a formula");
        };
    }

    /** A plain cell as the evaluator would give it, without building an evaluator for it. */
    private static CellValue valueOf(Cell cell) {
        return switch (cell.getCellType()) {
            case STRING -> new CellValue(cell.getStringCellValue());
            case NUMERIC -> new CellValue(cell.getNumericCellValue());
            case BOOLEAN -> CellValue.valueOf(cell.getBooleanCellValue());
            case ERROR -> CellValue.getError(cell.getErrorCellValue());
            default -> null;
        };
    }

    private static CellValue evaluated(Cell cell, Path file, String context) throws ExportFormatException {
        try {
            return cell.getSheet().getWorkbook().getCreationHelper().createFormulaEvaluator().evaluate(cell);
        } catch (RuntimeException e) {
            // unsupported functions, references to other workbooks, parse errors: POI's message names the function
            throw problem(cell, file, context, "holds a formula that cannot be evaluated here (" + e.getClass().getSimpleName()
                    + "); replace it by its value, the hours post-insemination as a number");
        }
    }

    private static OptionalDouble text(String text, Cell cell, Path file, String context, String holds) throws ExportFormatException {
        if (text.isBlank()) {
            return OptionalDouble.empty();
        }
        var m = PLAIN_NUMBER.matcher(text);
        if (m.matches()) {
            return hours(Double.parseDouble(m.group(1) + (m.group(2) == null ? "" : "." + m.group(2))), cell, file, context, holds);
        }
        throw problem(cell, file, context, holds + "text, not a number of hours; type the hours post-insemination"
                + " as a number, or clear the cell if the event was not seen");
    }

    private static OptionalDouble hours(double hours, Cell cell, Path file, String context, String holds) throws ExportFormatException {
        if (!Double.isFinite(hours)) {
            throw problem(cell, file, context, holds + hours + "; type the hours post-insemination or clear the cell");
        }
        if (hours < 0) {
            throw problem(cell, file, context, holds + hours + " hours; hours post-insemination cannot be"
                    + " negative, correct the value or clear the cell");
        }
        return OptionalDouble.of(hours);
    }

    private static ExportFormatException problem(Cell cell, Path file, String context, String what) {
        String ref = new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString(false);
        return new ExportFormatException(file, "cell " + ref + " (" + context + ") " + what);
    }
}
