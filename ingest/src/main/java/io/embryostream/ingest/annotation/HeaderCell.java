package io.embryostream.ingest.annotation;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;

/** Reads a label cell (column header, row label): its trimmed text, or "" where it holds no text. */
public final class HeaderCell {

    private HeaderCell() {
    }

    public static String text(Cell cell) {
        return cell != null && cell.getCellType() == CellType.STRING ? cell.getStringCellValue().trim() : "";
    }
}
