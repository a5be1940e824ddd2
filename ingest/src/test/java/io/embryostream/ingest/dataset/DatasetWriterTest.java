package io.embryostream.ingest.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reader of labelled exports gets when it feeds the writer something it cannot write. */
class DatasetWriterTest {

    private static final FrameLabels T2 = new FrameLabels(Optional.empty(), Optional.of("t2"), OptionalInt.empty(), false);
    private static final DatasetSource SOURCE = new DatasetSource("test-reader", "1", null, Map.of());

    @TempDir
    Path tmp;

    private static DatasetFrame frame(String embryo, int timePoint, int plane, int pixels, FrameLabels labels) {
        return new DatasetFrame(embryo, timePoint, timePoint * 0.25, plane, new byte[pixels], labels);
    }

    @Test
    void aReaderWithoutCellCountsOrSeedWritesEmptyCellsAndANullSeed() throws IOException {
        DatasetWriter writer = DatasetWriter.create(tmp.resolve("set"));
        writer.write(frame("e1", 2, 0, 65536, T2));
        writer.write(frame("e1", 1, 0, 65536, new FrameLabels(Optional.of("PN"), Optional.of("tPNa"), OptionalInt.empty(), false)));

        DatasetManifest m = writer.finish(SOURCE, new EmbryoSplits(1, 1, 0, 0));

        assertThat(Files.readAllLines(tmp.resolve("set/labels.csv"))).containsExactly(DatasetWriter.HEADER,
                "e1,1,0.25,0,PN,tPNa,,0,train,frames/e1/0001_p0.png",
                "e1,2,0.5,0,,t2,,0,train,frames/e1/0002_p0.png");
        assertThat(m.seed()).isNull();
        assertThat(Files.readString(tmp.resolve("set/manifest.json"))).contains("\"seed\" : null");
    }

    @Test
    void framesThatAreNotCanonicalOrWrittenTwiceOrNamedUnsafelyAreRefusedWithTheReason() {
        DatasetWriter writer = DatasetWriter.create(tmp.resolve("set"));
        writer.write(frame("e1", 1, 0, 65536, T2));

        assertThatThrownBy(() -> writer.write(frame("e1", 1, 0, 65536, T2)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("written twice");
        assertThatThrownBy(() -> writer.write(frame("e1", 2, 0, 500 * 500, T2)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("250000 pixels, a canonical frame has 256x256");
        assertThatThrownBy(() -> writer.write(frame("../Jane Doe", 1, 0, 65536, T2)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("cannot name a folder");
        assertThatThrownBy(() -> writer.write(frame("e1", 0, 0, 65536, T2)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("time points start at 1");
        assertThat(writer.frames()).isEqualTo(1);
    }

    @Test
    void planesOfOneTimePointMustAgreeOnLabels() {
        DatasetWriter writer = DatasetWriter.create(tmp.resolve("set"));
        writer.write(frame("e1", 1, 0, 65536, T2));
        writer.write(frame("e1", 1, 15, 65536, new FrameLabels(Optional.empty(), Optional.of("t3"), OptionalInt.empty(), false)));

        assertThatThrownBy(() -> writer.finish(SOURCE, new EmbryoSplits(1, 1, 0, 0)))
                .isInstanceOf(DatasetException.class).hasMessageContaining("planes 0 and 15 disagree");
        assertThat(tmp.resolve("set/manifest.json")).doesNotExist();
    }

    @Test
    void anExistingExportIsNeverWrittenInto() throws IOException {
        Files.createDirectories(tmp.resolve("old"));
        Files.writeString(tmp.resolve("old/labels.csv"), "x");

        assertThatThrownBy(() -> DatasetWriter.create(tmp.resolve("old")))
                .isInstanceOf(DatasetException.class).hasMessageContaining("exists and is not empty");
    }

    @Test
    void labelsOutsideTheSchemesAreRefused() {
        assertThatThrownBy(() -> new FrameLabels(Optional.empty(), Optional.of("t10"), OptionalInt.empty(), false))
                .hasMessageContaining("'t10' is not a gomez-16 class");
        assertThatThrownBy(() -> new FrameLabels(Optional.of("2PN"), Optional.empty(), OptionalInt.empty(), false))
                .hasMessageContaining("'2PN' is not a pronuclear-3 class");
    }

    @Test
    void splitsAreWholeEmbryosAtTheFractionsAndTheSameForTheSameSeed() {
        List<String> embryos = IntStream.range(0, 200).mapToObj(i -> "e" + i).toList();
        Map<String, String> a = new EmbryoSplits(7, 0.7, 0.15, 0.15).assign(embryos);
        List<String> shuffled = new ArrayList<>(embryos);
        Collections.reverse(shuffled);
        Map<String, String> b = new EmbryoSplits(7, 0.7, 0.15, 0.15).assign(shuffled);
        Map<String, String> c = new EmbryoSplits(8, 0.7, 0.15, 0.15).assign(embryos);

        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(200);
        assertThat(a.values().stream().filter("train"::equals).count()).isEqualTo(140);
        assertThat(a.values().stream().filter("val"::equals).count()).isEqualTo(30);
        assertThat(a.values().stream().filter("test"::equals).count()).isEqualTo(30);
        assertThatThrownBy(() -> new EmbryoSplits(1, 0.8, 0.2, 0.2)).hasMessageContaining("add up to 1");
    }
}
