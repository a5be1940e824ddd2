package io.embryostream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCheckpointTest {

    @Test
    void savedProgressIsReadBackAndUnsavedProgressIsNot(@TempDir Path dir) {
        Path file = dir.resolve("ingest.checkpoint");
        IngestCheckpoint c = IngestCheckpoint.open(file);
        assertThat(c.framesDone("S1-P01-FP3.avi")).isZero();
        c.markDone("S1-P01-FP3.avi", 120);
        c.save();
        c.markDone("S1-P01-FP3.avi", 200); // not saved: as if the run died before the flush

        IngestCheckpoint reopened = IngestCheckpoint.open(file);
        assertThat(reopened.framesDone("S1-P01-FP3.avi")).isEqualTo(120);
        assertThat(reopened.framesDone("S1-P02-FP3.avi")).isZero();
    }
}
