package io.embryostream.synthetic.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Edits a written MIRI summary workbook in place, the way a person does in a spreadsheet program: for bad-input tests. */
public final class SummaryEdits {

    private SummaryEdits() {
    }

    /** Opens {@code file}, applies {@code edit} to its first sheet and saves it. */
    public static void edit(Path file, Consumer<Sheet> edit) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            edit.accept(workbook.getSheetAt(0));
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    /** The row whose column A holds {@code label} (the transposed summary's row labels: 2PB, 2PN, PN Fading …). */
    public static Row row(Sheet sheet, String label) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && label.equals(r.getCell(0).toString().strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("the summary has no row " + label);
    }
}
