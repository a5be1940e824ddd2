package io.embryostream.ingest.packaging;

import io.embryostream.ingest.source.ExportIngest;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production ingest artifact (its jar under {@code verify}, its classes folder under
 * {@code test}) holds no part of the synthetic world: no renderer, no synthetic incubator, no
 * export writer, no timing model.
 */
class ProductionIngestJarTest {

    @Test
    void theIngestArtifactHoldsNoRendererNorAnyOtherSyntheticClass() throws Exception {
        List<String> entries = entries(location(ExportIngest.class));
        assertThat(entries).as("the ingest artifact was found and read").contains("io/embryostream/ingest/source/ExportIngest.class");
        assertThat(entries).filteredOn(e -> e.startsWith("io/embryostream/synthetic/")
                        || e.matches(".*/(\\w*Render\\w*|Synthetic\\w*|\\w*ExportWriter|VideoWriter|WellCamera|BadFrame)(\\$\\w+)?\\.class")
                        || e.endsWith("timing-model.json"))
                .isEmpty();
        // the renderer exists, in the synthetic artifact: the check above looked at the right thing
        Path synthetic = location(EmbryoRenderer.class);
        assertThat(synthetic).isNotEqualTo(location(ExportIngest.class));
        assertThat(entries(synthetic)).contains("io/embryostream/synthetic/embryo/EmbryoRenderer.class");
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> entries(Path artifact) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(artifact)) {
            try (Stream<Path> files = Files.walk(artifact)) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(artifact.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(artifact.toFile())) {
                jar.stream().forEach(e -> names.add(e.getName()));
            }
        }
        return names;
    }
}
