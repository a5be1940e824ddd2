package io.embryostream.ingest.layout;

import io.embryostream.ingest.annotation.ExportFormatException;
import io.embryostream.ingest.format.ExportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding the exports of an archive by their marks alone (sheets are empty files here: nothing is
 * opened): any depth, any mix, a folder mixing kinds, several named folders, links that loop.
 */
class ExportArchiveTest {

    @TempDir
    Path root;

    private Path miri(String folder, int slide) throws IOException {
        Path f = Files.createDirectories(root.resolve(folder));
        Files.createFile(f.resolve("Time-lapse # MTL-0130-0EFD-D6E0-[" + slide + "] summary.xlsx"));
        return f;
    }

    private Path embryoScope(String folder) throws IOException {
        Path f = Files.createDirectories(root.resolve(folder));
        Files.createFile(f.resolve("D2026.01.15_S02549_I4120 EXPORT.xls"));
        return f;
    }

    private Path gomez(String folder) throws IOException {
        Path f = Files.createDirectories(root.resolve(folder));
        Files.createDirectories(f.resolve("embryo_dataset_F0/E1"));
        return f;
    }

    @Test
    void exportsAtAnyDepthAreFoundInFolderOrderAndNotLookedInto() throws IOException {
        miri("b/2026/slide-37", 37);
        embryoScope("a/embryoscope");
        Path g = gomez("c/gomez");
        miri("c/gomez/embryo_dataset_F0/not-an-export-of-its-own", 99); // inside an export: not searched
        Files.writeString(root.resolve("notes.txt"), "x");

        ExportArchive archive = ExportArchive.find(List.of(root));

        assertThat(archive.exports()).extracting(ExportArchive.Found::prefix)
                .containsExactly("a/embryoscope", "b/2026/slide-37", "c/gomez");
        assertThat(archive.exports()).extracting(ExportArchive.Found::kind)
                .containsExactly(ExportKind.EMBRYOSCOPE, ExportKind.MIRI, ExportKind.GOMEZ);
        assertThat(archive.exports().get(2).folder()).isEqualTo(g);
        assertThat(archive.refused()).isEmpty();
    }

    @Test
    void aFolderMixingKindsInsideAnArchiveIsRefusedAndTheOthersFound() throws IOException {
        Path mixed = miri("x/mixed", 38);
        Files.createFile(mixed.resolve("D2025.01.01_S00001_I1 EXPORT.xls"));
        miri("y/ok", 39);

        ExportArchive archive = ExportArchive.find(List.of(root));

        assertThat(archive.exports()).extracting(ExportArchive.Found::prefix).containsExactly("y/ok");
        assertThat(archive.refused()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo("x/mixed");
            assertThat(r.reason()).contains("several kinds [MIRI, EMBRYOSCOPE]");
            assertThat(r.order()).isLessThan(archive.exports().get(0).order());
        });
    }

    @Test
    void aNamedFolderThatIsAnExportKeepsItsFilesUnprefixedAndNamingTwoFoldersPrefixesBoth() throws IOException {
        Path one = miri("one", 40);
        Path two = gomez("two");

        ExportArchive single = ExportArchive.find(List.of(one));
        assertThat(single.exports()).singleElement().satisfies(f -> {
            assertThat(f.prefix()).isEmpty();
            assertThat(f.label()).isEqualTo(one.toString());
        });

        ExportArchive both = ExportArchive.find(List.of(one, two, one));
        assertThat(both.exports()).extracting(ExportArchive.Found::prefix).containsExactly(one.toString(), two.toString());
    }

    @Test
    void linksThatLoopAreFollowedOnce() throws IOException {
        miri("real/slide", 41);
        Files.createSymbolicLink(root.resolve("real/back-to-root"), root);
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

        ExportArchive archive = ExportArchive.find(List.of(root));

        assertThat(archive.exports()).hasSize(1);
    }

    @Test
    void aNamedFolderMixingKindsOrHoldingNoExportAtAnyDepthIsRefusedNamingWhatItHolds() throws IOException {
        Path mixed = miri("mixed", 42);
        Files.createFile(mixed.resolve("D2025.01.01_S00001_I1 EXPORT.xls"));
        assertThatThrownBy(() -> ExportArchive.find(List.of(mixed))).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("several kinds");

        Path empty = Files.createDirectories(root.resolve("empty/inner"));
        Files.writeString(empty.resolve("readme.txt"), "x");
        assertThatThrownBy(() -> ExportArchive.find(List.of(root.resolve("empty")))).isInstanceOf(ExportFormatException.class)
                .hasMessageContainingAll("no known export here", "found inner/");
        assertThatThrownBy(() -> ExportArchive.find(List.of(empty.resolve("readme.txt"))))
                .hasMessageContaining("not a folder");
    }
}
