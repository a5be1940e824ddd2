package io.embryostream.ingest.gomez;

import io.embryostream.ingest.annotation.ExportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GomezTimeElapsedFileTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("E1" + GomezTimeElapsedFile.SUFFIX), content);
    }

    @Test
    void readsPlausibleHeaders() throws IOException {
        FrameTimes framed = GomezTimeElapsedFile.read(file("frame,time\n1,0.25\n2,0.5\n4,1.0\n"));
        assertThat(framed.hoursByFrame()).containsExactly(
                Map.entry(1, 0.25), Map.entry(2, 0.5), Map.entry(4, 1.0));
        assertThat(framed.hoursAt(3)).isEmpty();

        FrameTimes implicit = GomezTimeElapsedFile.read(file("time_elapsed\r\n0.3\r\n0.55\r\n"));
        assertThat(implicit.hoursAt(2)).hasValue(0.55);

        FrameTimes minutes = GomezTimeElapsedFile.read(file("\uFEFFTime_Min;Frame_Index\n15;1\n30;2\n"));
        assertThat(minutes.hoursAt(2)).hasValue(0.5);
    }

    @Test
    void unreadableLayoutsFailSayingWhatIsAccepted() throws IOException {
        for (var bad : List.of(
                List.of("1,0.25\n2,0.5\n", "line 1 has no time column"),
                List.of("frame,time\n1,NaN\n", "line 2: the time must be a non-negative number"),
                List.of("frame,time\n1,-0.5\n", "line 2: the time must be a non-negative number"),
                List.of("frame,time\n0,0.5\n", "line 2: the frame must be a whole number from 1"),
                List.of("frame,time\n1,0.5\n1,0.7\n", "line 3: frame 1 is listed twice"),
                List.of("frame,time\n1,0.5\n2,0.25\n", "times must not go backwards"),
                List.of("frame,time\n1\n", "line 2 has 1 fields"),
                List.of("", "the file is empty"))) {
            Path f = file(bad.get(0));
            assertThatThrownBy(() -> GomezTimeElapsedFile.read(f)).isInstanceOf(ExportFormatException.class)
                    .hasMessageContainingAll("E1_timeElapsed.csv", bad.get(1));
        }
    }

    @Test
    void writtenFileReadsBack() throws IOException {
        TreeMap<Integer, Double> hours = new TreeMap<>();
        for (int frame = 1; frame <= 5; frame++) {
            hours.put(frame, 0.1 + frame * 0.25);
        }
        Path f = dir.resolve("E2" + GomezTimeElapsedFile.SUFFIX);
        GomezTimeElapsedFile.write(f, new FrameTimes(hours));
        assertThat(Files.readAllLines(f).get(0)).isEqualTo("frame,time_elapsed");
        assertThat(Files.readAllLines(f).get(1)).isEqualTo("1,0.35");
        assertThat(GomezTimeElapsedFile.read(f).hoursByFrame()).isEqualTo(hours);
        assertThat(GomezTimeElapsedFile.embryoOf(f)).contains("E2");
    }
}
