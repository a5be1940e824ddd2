package io.embryostream.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.embryostream.topics.TopicCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedFilesTest {

    @Test
    void checkedInCopiesAreWhatTheGeneratorWrites() throws Exception {
        Map<String, String> expected = DeploymentFiles.render(RepoFiles.root(), TopicCatalog.standard());
        expected.forEach((path, content) -> assertThat(RepoFiles.read(path))
                .as(path + " is out of date: run ./ops/ci/generate-deployment-files.sh").isEqualTo(content));
    }

    @Test
    void theTopicInitCreatesEveryCatalogTopicWithItsPartitionsAndConfigs() {
        String script = DeploymentFiles.composeTopicInit(TopicCatalog.standard());
        TopicCatalog.standard().topics().forEach(t -> {
            assertThat(script).contains("--topic " + t.name() + " --partitions " + t.partitions());
            t.config().forEach((k, v) -> assertThat(script).contains("--config " + k + "=" + v));
        });
    }
}
