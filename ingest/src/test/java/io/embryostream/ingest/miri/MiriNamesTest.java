package io.embryostream.ingest.miri;

import io.embryostream.ingest.annotation.ExportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiriNamesTest {

    @TempDir
    Path dir;

    @Test
    void videoNamesParseAndFormatBack() {
        MiriVideoName name = MiriVideoName.parse("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi").orElseThrow();
        assertThat(name.slide().value()).isEqualTo("MTL-0130-0EFD-D6E0-[37]");
        assertThat(name.well().id()).isEqualTo("P01");
        assertThat(name.focalPlane()).isEqualTo(3);
        assertThat(name.planeOffset()).hasValue(-15);
        assertThat(name.fileName()).isEqualTo("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi");

        assertThat(MiriVideoName.parse("MTL-0130-0EFD-D6E0-[37]-P14-FP4.mp4").orElseThrow().planeOffset()).hasValue(0);
        assertThat(MiriVideoName.parse("MTL-0130-0EFD-D6E0-[37]-P02-FP9.avi").orElseThrow().planeOffset()).isEmpty();
        assertThat(MiriVideoName.parse("MTL-0130-0EFD-D6E0-P01-FP3.avi")).isEmpty();
        assertThat(MiriVideoName.parse("MTL-0130-0EFD-D6E0-[37]-P01-FP3.mov")).isEmpty();
        assertThat(MiriVideoName.parse("MTL-0130-0EFD-D6E0-[37]-P00-FP3.avi")).isEmpty();
    }

    @Test
    void focalPlaneTableIsCentredOnFp4() {
        assertThat(MiriFocalPlanes.OFFSET_BY_FOCAL_PLANE).containsEntry(1, -45).containsEntry(4, 0).containsEntry(7, 45);
        assertThat(MiriFocalPlanes.focalPlaneOf(-15)).hasValue(3);
        assertThat(MiriFocalPlanes.focalPlaneOf(10)).isEmpty();
    }

    @Test
    void correspondenceSheetRoundTripsAndAcceptsSemicolons() throws IOException {
        Map<String, String> renaming = new LinkedHashMap<>();
        renaming.put("MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi", "SEQ001.avi");
        renaming.put("MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi", "SEQ002.avi");
        Path file = dir.resolve(MiriCorrespondenceSheet.FILE_NAME);
        MiriCorrespondenceSheet.write(file, renaming);

        assertThat(Files.readAllLines(file)).containsExactly("original name,new name",
                "MTL-0130-0EFD-D6E0-[37]-P01-FP3.avi,SEQ001.avi", "MTL-0130-0EFD-D6E0-[37]-P02-FP3.avi,SEQ002.avi");
        assertThat(MiriCorrespondenceSheet.read(file)).containsExactlyEntriesOf(renaming);

        Files.writeString(file, "\uFEFFnew name;Original Name\r\nSEQ001;a.avi\r\n\r\n");
        assertThat(MiriCorrespondenceSheet.read(file)).containsExactly(Map.entry("a.avi", "SEQ001"));
    }

    @Test
    void correspondenceSheetErrorsNameTheLine() throws IOException {
        Path file = dir.resolve(MiriCorrespondenceSheet.FILE_NAME);
        for (var bad : List.of(
                List.of("name,renamed\na,b\n", "line 1 does not name the columns"),
                List.of("original name,new name\na,b\nc\n", "line 3 has 1 fields"),
                List.of("original name,new name\na,b\nc,b\n", "line 3 repeats a name"),
                List.of("", "the file is empty"))) {
            Files.writeString(file, bad.get(0));
            assertThatThrownBy(() -> MiriCorrespondenceSheet.read(file)).isInstanceOf(ExportFormatException.class)
                    .hasMessageContainingAll(MiriCorrespondenceSheet.FILE_NAME, bad.get(1));
        }
    }
}
