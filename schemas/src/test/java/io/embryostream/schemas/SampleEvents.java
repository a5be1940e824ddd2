package io.embryostream.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One valid instance of every event type, for round-trip and transport tests. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static FrameEvent frame(String embryoId, int timePoint, int plane) {
        byte[] pixels = new byte[16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 16);
        }
        return FrameEvent.newBuilder()
                .setEmbryoId(embryoId)
                .setDisplayLabel("MTL-0130-0EFD-D6E0-[37] P03")
                .setFrameId(embryoId + ":" + timePoint + ":" + plane)
                .setTimePoint(timePoint)
                .setFocalPlane(plane)
                .setAcquisitionTime(Instant.parse("2026-01-15T10:00:00Z"))
                .setHoursPostInsemination(timePoint * 0.25)
                .setHpiSource(HpiSource.FRAME_INTERVAL)
                .setImage(Image.newBuilder().setData(ByteBuffer.wrap(pixels)).setEncoding(ImageEncoding.GRAY8)
                        .setWidth(4).setHeight(4).build())
                .setSourceRef("MTL-0130-0EFD-D6E0-[37]-P03-FP3.avi#" + timePoint)
                .setProducer("test")
                .setIngestTime(Instant.parse("2026-01-15T10:00:01Z"))
                .setGroundTruth(GroundTruth.newBuilder().setGomez16("t2").setPronuclear3(null).setCellCount(2)
                        .setReversal(false).build())
                .build();
    }

    public static StageEvent stage() {
        return StageEvent.newBuilder().setEmbryoId("e1").setDisplayLabel("S1 P01").setTimePoint(7)
                .setHoursPostInsemination(1.75).setScheme("pronuclear-3").setStageIndex(1).setStageName("PB2")
                .setProbabilities(List.of(0.1f, 0.8f, 0.1f)).setConfirmedUpToHours(1.0).setModelId("cnn-lstm")
                .setModelVersion("1").setFlags(List.of())
                .setLatency(Latency.newBuilder().setIngestToEmitMillis(12).setAcquisitionToEmitMillis(null)
                        .setInferenceMillis(3.5).setBatchSize(16).build())
                .setEmitTime(Instant.parse("2026-01-15T10:00:02Z")).build();
    }

    public static TransitionEvent transition() {
        return TransitionEvent.newBuilder().setTransitionId("e1:1:t2").setEmbryoId("e1").setDisplayLabel("S1 P01")
                .setScheme("gomez-16").setStageIndex(3).setStageName("t2").setPreviousStageName("tPNf")
                .setOnsetTimePoint(98).setOnsetHours(24.5).setConfirmedAtTimePoint(102).setConfidence(0.93f)
                .setModelId("cnn-lstm").setModelVersion("1").setEmitTime(Instant.parse("2026-01-15T10:00:02Z"))
                .build();
    }

    public static AlertEvent alert() {
        return AlertEvent.newBuilder().setAlertId("e1:DIRECT_CLEAVAGE:1:141").setType(AlertType.DIRECT_CLEAVAGE)
                .setSeverity(Severity.WARNING).setEmbryoId("e1").setDisplayLabel("S1 P01").setTimePoint(141)
                .setHoursPostInsemination(35.25).setMessage("t3 - t2 = 2.1 h < 5 h")
                .setEvidence(Map.of("t2", "33.1", "t3", "35.2")).setModelId("cnn-lstm").setModelVersion("1")
                .setEmitTime(Instant.parse("2026-01-15T10:00:02Z")).build();
    }

    public static EmbryoLifecycle lifecycle() {
        return EmbryoLifecycle.newBuilder().setEmbryoId("e1").setDisplayLabel("S1 P01")
                .setState(LifecycleState.STARTED).setEventTime(Instant.parse("2026-01-15T10:00:00Z"))
                .setInseminationTime(Instant.parse("2026-01-14T10:00:00Z")).setNominalIntervalMinutes(10.0)
                .setLive(true).setSource("test").build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setReason(DeadLetterReason.CORRUPT_IMAGE).setMessage("png does not decode")
                .setOriginTopic("embryo.frames.v1").setOriginPartition(3).setOriginOffset(42)
                .setOriginalKey(ByteBuffer.wrap(new byte[] {1})).setOriginalValue(ByteBuffer.wrap(new byte[] {2, 3}))
                .setEventTime(Instant.parse("2026-01-15T10:00:02Z")).build();
    }

    public static AnnotationEvent annotation() {
        return AnnotationEvent.newBuilder().setAnnotationId("5d0c1a8e-0000-4000-8000-000000000001").setEmbryoId("e1")
                .setDisplayLabel("S1 P01").setTransitionId("e1:1:t2").setStageName("t2")
                .setAction(AnnotationAction.CORRECT).setCorrectedOnsetHours(26.0).setCorrectedStageName(null)
                .setReviewer("embryologist-7").setReviewedAt(Instant.parse("2026-01-15T11:00:00Z"))
                .setModelId("cnn-lstm").setModelVersion("1").setComment("t2 one frame later").build();
    }
}
