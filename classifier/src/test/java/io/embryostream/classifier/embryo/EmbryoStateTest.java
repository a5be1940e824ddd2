package io.embryostream.classifier.embryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The store entry survives a round trip, and entries written by the previous format still read. */
class EmbryoStateTest {

    private static EmbryoState sample() {
        EmbryoState s = new EmbryoState();
        s.modelVersion = "1.2.0";
        s.temporalHead = "lstm";
        s.displayLabel = "S1 P03";
        s.highWaterMark = 41;
        s.lastEmitted = 40;
        s.temporalState = new float[] {0.5f, -1.25f};
        s.decoderState = new byte[] {1, 2, 3};
        s.alertState = new byte[] {9};
        s.live = true;
        s.nominalIntervalMinutes = 15;
        s.lastFrameWallMillis = 1_000L;
        s.endRequested = true;
        s.endRequestedWallMillis = 3_000L;
        s.headAdvancedHours = 12.5;
        s.headLastHours = 12.75;
        s.intervalMismatchStreak = -2;
        s.intervalMismatchReported = true;
        return s;
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        EmbryoState back = EmbryoState.fromBytes(sample().toBytes());
        assertThat(back).usingRecursiveComparison().isEqualTo(sample());
    }

    @Test
    void aReleasedMarkerKeepsWhatRefusesLaterFramesAndNoneOfTheModelState() {
        EmbryoState marker = EmbryoState.fromBytes(sample().releasedMarker().toBytes());
        assertThat(marker.released).isTrue();
        assertThat(marker.highWaterMark).isEqualTo(41);
        assertThat(marker.lastEmitted).isEqualTo(40);
        assertThat(marker.lastFrameWallMillis).as("the inactivity timeout removes the marker").isEqualTo(1_000L);
        assertThat(marker.temporalState).isEmpty();
        assertThat(marker.decoderState).isEmpty();
        assertThat(marker.alertState).isEmpty();
    }

    @Test
    void anEntryOfFormat2ReadsWithNoEndTimeAndNotReleased() {
        EmbryoState s = sample();
        byte[] version = s.modelVersion.getBytes(StandardCharsets.UTF_8);
        byte[] head = s.temporalHead.getBytes(StandardCharsets.UTF_8);
        byte[] label = s.displayLabel.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(200);
        b.put((byte) 2).putInt(version.length).put(version).putInt(head.length).put(head).putInt(label.length).put(label)
                .putInt(41).putInt(40).putInt(2).putFloat(0.5f).putFloat(-1.25f).putInt(3).put(new byte[] {1, 2, 3})
                .putInt(1).put((byte) 9).put((byte) 1).putDouble(15).putLong(1_000L).putLong(2_000L).put((byte) 0)
                .put((byte) 1);
        EmbryoState read = EmbryoState.fromBytes(b.array());
        s.endRequestedWallMillis = 0;
        assertThat(read.headAdvancedHours).as("older formats had no cadence: the next time point advances").isNaN();
        assertThat(read.headLastHours).isNaN();
        s.headAdvancedHours = read.headAdvancedHours;
        s.headLastHours = read.headLastHours;
        s.intervalMismatchStreak = 0;
        s.intervalMismatchReported = false;
        assertThat(read).usingRecursiveComparison().ignoringFields("headAdvancedHours", "headLastHours").isEqualTo(s);
    }

    @Test
    void aNewerFormatIsRefusedWithWhatToDo() {
        byte[] bytes = sample().toBytes();
        bytes[0] = 4;
        assertThatThrownBy(() -> EmbryoState.fromBytes(bytes)).hasMessageContaining("roll back the classifier");
    }
}
