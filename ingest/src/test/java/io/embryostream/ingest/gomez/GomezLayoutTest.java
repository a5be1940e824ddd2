package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.ExportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GomezLayoutTest {

    @TempDir
    Path root;

    @Test
    void findsPlanesEmbryosAndFramesInRunOrderAndReportsWhatIsMissing() throws IOException {
        GomezFolderFixture.frames(root, "embryo_dataset", "KF460-3", List.of(1, 2, 10, 11));
        GomezFolderFixture.frames(root, "embryo_dataset_F-15", "KF460-3", List.of(1, 2, 10));
        GomezFolderFixture.frames(root, "embryo_dataset_F15", "TN888-3", List.of(3, 4));
        Files.writeString(root.resolve("embryo_dataset").resolve("KF460-3").resolve("Thumbs.db"), "x");
        GomezFolderFixture.phases(root, "KF460-3");
        GomezFolderFixture.phases(root, "BG723-5");
        Path times = Files.createDirectories(root.resolve(GomezLayout.TIME_ELAPSED_FOLDER));
        Files.writeString(times.resolve("KF460-3_timeElapsed.csv"), "frame,time\n1,0.1\n");

        GomezDataset dataset = GomezLayout.discover(root);

        assertThat(dataset.planes()).containsExactly(-15, 0, 15);
        assertThat(dataset.embryos()).extracting(GomezEmbryo::name).containsExactly("BG723-5", "KF460-3", "TN888-3");
        GomezEmbryo kf = dataset.embryos().get(1);
        assertThat(kf.frames().get(0).keySet()).containsExactly(1, 2, 10, 11);
        assertThat(kf.frames().get(0).get(10).getFileName().toString()).isEqualTo("KF460-3_RUN10.jpeg");
        assertThat(kf.phases()).isPresent();
        assertThat(kf.timeElapsed()).isPresent();
        assertThat(dataset.embryos().get(2).phases()).isEmpty();
        assertThat(dataset.warnings()).contains(
                "planes without a folder: [-45, -30, 30, 45]",
                "embryo KF460-3, plane 0: 1 files are not <prefix>RUN<n>.jpeg and were ignored",
                "embryo BG723-5: no images in any plane",
                "embryo KF460-3: frames missing in every plane: 3, 4, 5, 6, 7, 8, 9",
                "embryo KF460-3, plane -15: frames missing that other planes have: 11",
                "embryo KF460-3: no folder in plane 15",
                "embryo TN888-3: no " + GomezPhasesFile.SUFFIX + " in " + GomezLayout.ANNOTATIONS_FOLDER);
    }

    @Test
    void centralPlaneFolderMayBeNamedF0ButNotBothWays() throws IOException {
        GomezFolderFixture.frames(root, "embryo_dataset_F0", "E1", List.of(1));
        assertThat(GomezLayout.discover(root).planes()).containsExactly(0);

        GomezFolderFixture.frames(root, "embryo_dataset", "E1", List.of(1));
        assertThatThrownBy(() -> GomezLayout.discover(root)).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("keep one folder per plane");
    }

    @Test
    void aFolderWithoutPlaneFoldersIsNotTheGomezLayout() {
        assertThatThrownBy(() -> GomezLayout.discover(root)).isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("no plane folder");
    }
}
