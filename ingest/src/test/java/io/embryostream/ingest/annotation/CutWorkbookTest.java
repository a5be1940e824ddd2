package io.embryostream.ingest.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** A workbook cut short opens in POI as far as its bytes go; the container check refuses it, naming the file. */
class CutWorkbookTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SpreadsheetFile.class)
    void aWholeWorkbookOpensAndEveryCutOfItIsRefused(SpreadsheetFile format) throws Exception {
        Path whole = dir.resolve("whole" + format.extension());
        try (Workbook w = format == SpreadsheetFile.XLSX ? new XSSFWorkbook() : new HSSFWorkbook();
             OutputStream out = Files.newOutputStream(whole)) {
            w.createSheet("summary").createRow(0).createCell(0).setCellValue("2PB");
            w.write(out);
        }
        try (Workbook w = format.open(whole)) {
            assertThat(w.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("2PB");
        }
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut : new int[] {bytes.length - 1, bytes.length - 100, bytes.length / 2, 600}) {
            Path file = dir.resolve("cut-" + cut + format.extension());
            Files.write(file, Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> format.open(file).close()).as("cut at %d of %d", cut, bytes.length)
                    .isInstanceOf(ExportFormatException.class).hasMessageContaining(file.getFileName().toString());
        }
    }
}
