package io.embryostream.ingest.annotation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV files clinics send, as spreadsheet programs save them: UTF-8 (with or without a byte-order
 * mark) or, where the bytes are not UTF-8, Windows-1252 (Excel's "CSV" on a western Windows); {@code ,}
 * or {@code ;} between fields (French and German locales save {@code ;}); fields in double quotes,
 * {@code ""} inside them for a quote. A file that is neither encoding, or a line whose quotes do not
 * close, is an {@link ExportFormatException} naming the file and line.
 */
public final class CsvFile {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Path file;
    private final List<String> lines;

    private CsvFile(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Reads {@code file}'s lines (line breaks {@code \n} or {@code \r\n}; a byte-order mark dropped). */
    public static CsvFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = strict(StandardCharsets.UTF_8, bytes);
        } catch (CharacterCodingException notUtf8) {
            try {
                text = strict(WINDOWS_1252, bytes);
            } catch (CharacterCodingException neither) {
                throw new ExportFormatException(file, "the file is neither UTF-8 nor Windows-1252 text (a damaged copy, or"
                        + " not a CSV file); save it again as CSV from the spreadsheet program");
            }
        }
        if (text.startsWith(BYTE_ORDER_MARK)) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ExportFormatException(file, "the file holds NUL bytes, so it is not CSV text (a damaged copy?);"
                    + " copy it again or save it again as CSV");
        }
        return new CsvFile(file, List.of(text.split("\r?\n", -1)));
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The lines, the last one empty when the file ends with a line break. Line {@code n} (1-based) is {@code lines().get(n - 1)}. */
    public List<String> lines() {
        return lines;
    }

    /** {@code ;} when the line separates fields with it (outside quotes) and has no {@code ,} there, else {@code ,}. */
    public static char separatorOf(String headerLine) {
        boolean quoted = false;
        boolean semicolon = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                return ',';
            } else if (!quoted && c == ';') {
                semicolon = true;
            }
        }
        return semicolon ? ';' : ',';
    }

    /**
     * The fields of line {@code lineNumber}, trimmed, quotes removed.
     *
     * @throws ExportFormatException when a quote opened on the line does not close on it
     */
    public List<String> fields(int lineNumber, char separator) throws ExportFormatException {
        String line = lines.get(lineNumber - 1);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == separator) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new ExportFormatException(file, "line " + lineNumber + ": a quoted field does not end on the line;"
                    + " close the quote (names here never span lines)");
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
