package io.embryostream.ingest.annotation;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two workbook formats clinic exports come in, opened read-only with clear errors. */
public enum SpreadsheetFile {
    /** Office Open XML workbook (MIRI summaries). */
    XLSX(".xlsx", "Excel 2007+ workbook (.xlsx)"),
    /** Old binary Excel workbook (EmbryoScope exports). */
    XLS(".xls", "binary Excel 97-2003 workbook (.xls)");

    private final String extension;
    private final String description;

    SpreadsheetFile(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    /**
     * Opens {@code file} read-only; the caller closes the workbook.
     *
     * @throws ExportFormatException if the file has another extension, is empty or is not a
     *                               workbook of this format
     */
    public Workbook open(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!name.toLowerCase(Locale.ROOT).endsWith(extension)) {
            throw new ExportFormatException(file, "expected a " + description + ", the name does not end in "
                    + extension + "; pass the export's workbook itself, not a copy saved in another format");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExportFormatException(file, "no such file; check the export folder");
        }
        if (Files.size(file) == 0) {
            throw new ExportFormatException(file, "the file is empty (0 bytes); export it again from the instrument");
        }
        // POI reads a cut workbook as far as it goes (a ZIP without its central directory, a compound file
        // without its last sectors) and says nothing: check the container is whole first
        Optional<String> cut = this == XLSX ? CutWorkbook.zip(file) : CutWorkbook.compoundFile(file);
        if (cut.isPresent()) {
            throw new ExportFormatException(file, "cut short or damaged: " + cut.get() + "; copy the complete file again"
                    + " or export it again from the instrument");
        }
        try {
            return this == XLSX
                    ? new XSSFWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ))
                    : new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
        } catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            // POI signals "not this format" through several unrelated exception types (NotOfficeXml...,
            // OfficeXmlFileException, NotOLE2FileException, POIXMLException): all mean the same to a user.
            throw new ExportFormatException(file, "not a readable " + description + " (" + e.getClass().getSimpleName()
                    + "); open it in a spreadsheet program and save it as " + extension, e);
        }
    }
}
