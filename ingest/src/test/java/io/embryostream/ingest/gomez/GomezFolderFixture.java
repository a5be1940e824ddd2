package io.embryostream.ingest.gomez;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds a small Gomez-layout folder with real (tiny, gray) jpeg frames and real phase files. */
public final class GomezFolderFixture {

    private GomezFolderFixture() {
    }

    /** Writes {@code <planeFolder>/<embryo>/<embryo>_RUN<n>.jpeg} for each run. */
    public static void frames(Path root, String planeFolder, String embryo, List<Integer> runs) throws IOException {
        Path folder = Files.createDirectories(root.resolve(planeFolder).resolve(embryo));
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int run : runs) {
            if (!ImageIO.write(image, "jpeg", folder.resolve(embryo + "_RUN" + run + ".jpeg").toFile())) {
                throw new IllegalStateException("No jpeg writer in this JDK");
            }
        }
    }

    /** Copies the real phase file of {@code embryo} from the test resources. */
    public static void phases(Path root, String embryo) {
        try {
            Path folder = Files.createDirectories(root.resolve(GomezLayout.ANNOTATIONS_FOLDER));
            Files.copy(GomezPhasesFileTest.fixture(embryo), folder.resolve(embryo + GomezPhasesFile.SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
