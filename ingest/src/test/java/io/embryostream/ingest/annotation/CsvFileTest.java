package io.embryostream.ingest.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @TempDir
    Path dir;

    @Test
    void readsUtf8WithAByteOrderMarkAndWindowsLineBreaks() throws Exception {
        Path file = dir.resolve("a.csv");
        Files.write(file, "\uFEFForiginal name;new name\r\nP01.avi;SEQ001.avi\r\n".getBytes(StandardCharsets.UTF_8));

        CsvFile csv = CsvFile.read(file);

        assertThat(CsvFile.separatorOf(csv.lines().get(0))).isEqualTo(';');
        assertThat(csv.fields(1, ';')).containsExactly("original name", "new name");
        assertThat(csv.fields(2, ';')).containsExactly("P01.avi", "SEQ001.avi");
    }

    @Test
    void readsWindows1252WhereTheBytesAreNotUtf8() throws Exception {
        Path file = dir.resolve("b.csv");
        Files.write(file, "name,remarque\nP01,embryon évalué\n".getBytes(Charset.forName("windows-1252")));

        assertThat(CsvFile.read(file).fields(2, ',')).containsExactly("P01", "embryon évalué");
    }

    @Test
    void quotedFieldsMayHoldTheSeparatorAndQuotes() throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, "\"a, b\",\"say \"\"hi\"\"\", plain \n\"open,x\n");

        CsvFile csv = CsvFile.read(file);

        assertThat(CsvFile.separatorOf(csv.lines().get(0))).isEqualTo(',');
        assertThat(csv.fields(1, ',')).containsExactly("a, b", "say \"hi\"", "plain");
        assertThatThrownBy(() -> csv.fields(2, ',')).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("c.csv").hasMessageContaining("line 2: a quoted field does not end");
    }

    @Test
    void bytesThatAreNoTextAreRefusedWithTheFileNamed() throws Exception {
        Path file = dir.resolve("d.csv");
        Files.write(file, new byte[] {'a', ',', 0, 'b', '\n'});
        assertThatThrownBy(() -> CsvFile.read(file)).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("d.csv").hasMessageContaining("NUL bytes");
        Files.write(file, new byte[] {'a', ',', (byte) 0x81, '\n'}); // undefined in both encodings
        assertThatThrownBy(() -> CsvFile.read(file)).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("neither UTF-8 nor Windows-1252");
    }
}
