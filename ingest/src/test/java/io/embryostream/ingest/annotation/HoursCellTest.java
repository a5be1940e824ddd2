package io.embryostream.ingest.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hour cells as spreadsheet tools write them: formulas (with and without a cached value), and numbers typed as text. */
class HoursCellTest {

    private static final Path FILE = Path.of("summary.xlsx");
    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final Row row = workbook.createSheet("s").createRow(2);

    @AfterEach
    void close() throws Exception {
        workbook.close();
    }

    private OptionalDouble read(Cell cell) throws ExportFormatException {
        return HoursCell.read(cell, FILE, "well P01, 2PB");
    }

    @Test
    void aFormulaIsEvaluatedEvenWithoutACachedValue() throws Exception {
        row.createCell(0).setCellValue(12.5);
        Cell formula = row.createCell(1);
        formula.setCellFormula("A3+0.25"); // no cached value: a reader trusting the cache gets 0
        assertThat(read(formula)).hasValue(12.75);
    }

    @Test
    void numbersTypedAsTextAreReadWithADecimalPointOrComma() throws Exception {
        row.createCell(0).setCellValue("7,54");
        row.createCell(1).setCellValue(" 7.5 ");
        row.createCell(2).setCellValue("12");
        assertThat(read(row.getCell(0))).hasValue(7.54);
        assertThat(read(row.getCell(1))).hasValue(7.5);
        assertThat(read(row.getCell(2))).hasValue(12.0);
    }

    @Test
    void aFormulaPoiCannotEvaluateOrThatYieldsTextIsRefusedNamingTheCellNotItsContent() {
        Cell unknown = row.createCell(3);
        unknown.setCellFormula("WEBSERVICE(\"http://example.org/patient-Jane\")");
        assertThatThrownBy(() -> read(unknown)).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("cell D3", "well P01, 2PB", "cannot be evaluated").hasMessageNotContaining("Jane");
        row.createCell(4).setCellValue("Jane Fakename");
        Cell text = row.createCell(5);
        text.setCellFormula("E3");
        assertThatThrownBy(() -> read(text)).hasMessageContainingAll("cell F3", "holds a formula whose result is text").hasMessageNotContaining("Jane");
        Cell thousands = row.createCell(6);
        thousands.setCellValue("1,234.5");
        assertThatThrownBy(() -> read(thousands)).hasMessageContaining("holds text");
    }
}
