package io.embryostream.view;

import io.embryostream.frames.CanonicalPng;
import io.embryostream.synthetic.embryo.EmbryoRenderer;
import io.embryostream.synthetic.embryo.FrameGeometry;
import io.embryostream.synthetic.embryo.RealTimelines;
import io.embryostream.synthetic.embryo.RenderOptions;
import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AlertType;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.HpiSource;
import io.embryostream.schemas.Image;
import io.embryostream.schemas.ImageEncoding;
import io.embryostream.schemas.Latency;
import io.embryostream.schemas.Severity;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import io.embryostream.staging.Phase;
import io.embryostream.staging.StagingScheme;
import io.embryostream.topics.Topics;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Classifier output for embryos whose stages follow real human-embryo annotations (Gomez et al.
 * 2022 phases files in test resources, frames 15 min apart): a StageEvent per time point with a
 * confident distribution that dips around each onset, a TransitionEvent at each onset, a
 * LOW_CONFIDENCE alert where a transition's confidence is low and DIRECT_CLEAVAGE where t3 − t2 &lt; 5 h.
 */
final class ViewFixtures {

    static final String MODEL = "cnn-lstm";
    static final Instant EMITTED = Instant.parse("2026-01-15T10:00:00Z");
    private static final List<String> CLASSES = StagingScheme.GOMEZ_16.classNames();

    /** An event and the topic it goes to. */
    record Event(String topic, String key, SpecificRecord value) {
    }

    private ViewFixtures() {
    }

    static List<Path> phaseFiles() {
        try (Stream<Path> files = Files.list(Path.of(ViewFixtures.class.getResource("/gomez-phases").toURI()))) {
            return files.sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException("test resources gomez-phases missing", e);
        }
    }

    /**
     * The events of one embryo up to {@code untilFrame} (or its last onset + 12 frames), a stage
     * event every {@code every} frames.
     */
    static List<Event> embryo(Path phases, String embryoId, String label, String version, int every, int untilFrame) {
        Map<Phase, Integer> onsets = RealTimelines.onsetFrames(phases);
        int first = onsets.values().stream().min(Integer::compare).orElseThrow();
        int last = Math.min(untilFrame, onsets.values().stream().max(Integer::compare).orElseThrow() + 12);
        List<Event> events = new ArrayList<>();
        Phase previous = null;
        Integer t2 = null;
        for (int frame = first; frame <= last; frame++) {
            Phase phase = phaseAt(onsets, frame);
            double hours = frame * RealTimelines.HOURS_PER_FRAME;
            int sinceOnset = frame - onsets.get(phase);
            float top = sinceOnset < 3 ? 0.5f + 0.1f * sinceOnset : 0.9f + 0.05f * (float) Math.sin(frame);
            if (frame % every == 0 || sinceOnset == 0) {
                events.add(new Event(Topics.STAGES.name(), embryoId, stage(embryoId, label, version, frame, hours, phase, top)));
            }
            if (phase != previous && frame - onsets.get(phase) == 0) {
                float confidence = Math.floorMod(phase.ordinal() * 7 + embryoId.hashCode(), 13) == 0 ? 0.52f : 0.88f;
                events.add(new Event(Topics.TRANSITIONS.name(), embryoId,
                        transition(embryoId, label, version, frame, hours, phase, previous, confidence)));
                if (confidence < 0.6f) {
                    events.add(new Event(Topics.ALERTS.name(), embryoId, alert(embryoId, label, version, frame, hours,
                            AlertType.LOW_CONFIDENCE, phase.label() + " confirmed with confidence 0.52")));
                }
                if (phase == Phase.T2) {
                    t2 = frame;
                }
                if (phase == Phase.T3 && t2 != null && (frame - t2) * RealTimelines.HOURS_PER_FRAME < 5) {
                    events.add(new Event(Topics.ALERTS.name(), embryoId, alert(embryoId, label, version, frame, hours,
                            AlertType.DIRECT_CLEAVAGE, "t3 - t2 < 5 h: direct cleavage")));
                }
                previous = phase;
            }
        }
        return events;
    }

    static Phase phaseAt(Map<Phase, Integer> onsets, int frame) {
        Phase latest = null;
        for (Map.Entry<Phase, Integer> e : onsets.entrySet()) {
            if (e.getValue() <= frame && (latest == null || e.getKey().ordinal() > latest.ordinal())) {
                latest = e.getKey();
            }
        }
        return latest;
    }

    static String transitionId(String embryoId, String version, Phase phase) {
        return embryoId + ":" + version + ":" + phase.label();
    }

    static StageEvent stage(String id, String label, String version, int frame, double hours, Phase phase, float top) {
        List<Float> p = new ArrayList<>();
        float rest = (1 - top) / (CLASSES.size() - 1);
        for (int i = 0; i < CLASSES.size(); i++) {
            p.add(i == phase.ordinal() ? top : rest);
        }
        return StageEvent.newBuilder().setEmbryoId(id).setDisplayLabel(label).setTimePoint(frame)
                .setHoursPostInsemination(hours).setScheme(StagingScheme.GOMEZ_16.id()).setStageIndex(phase.ordinal())
                .setStageName(phase.label()).setProbabilities(p).setConfirmedUpToHours(null).setModelId(MODEL)
                .setModelVersion(version).setFlags(List.of())
                .setLatency(Latency.newBuilder().setIngestToEmitMillis(40).setAcquisitionToEmitMillis(null)
                        .setInferenceMillis(3).setBatchSize(8).build())
                .setEmitTime(EMITTED.plusSeconds(frame)).build();
    }

    static TransitionEvent transition(String id, String label, String version, int frame, double hours, Phase phase,
                                      Phase previous, float confidence) {
        return TransitionEvent.newBuilder().setTransitionId(transitionId(id, version, phase)).setEmbryoId(id)
                .setDisplayLabel(label).setScheme(StagingScheme.GOMEZ_16.id()).setStageIndex(phase.ordinal())
                .setStageName(phase.label()).setPreviousStageName(previous == null ? null : previous.label())
                .setOnsetTimePoint(frame).setOnsetHours(hours).setConfirmedAtTimePoint(frame + 8)
                .setConfidence(confidence).setModelId(MODEL).setModelVersion(version)
                .setEmitTime(EMITTED.plusSeconds(frame + 8)).build();
    }

    static AlertEvent alert(String id, String label, String version, int frame, double hours, AlertType type,
                            String message) {
        return AlertEvent.newBuilder().setAlertId(id + ":" + type + ":" + version + ":" + frame).setType(type)
                .setSeverity(type == AlertType.LOW_CONFIDENCE ? Severity.INFO : Severity.WARNING).setEmbryoId(id)
                .setDisplayLabel(label).setTimePoint(frame).setHoursPostInsemination(hours).setMessage(message)
                .setEvidence(Map.of()).setModelId(MODEL).setModelVersion(version)
                .setEmitTime(EMITTED.plusSeconds(frame)).build();
    }

    /** A real rendered canonical frame (central plane) of the embryo the phases file describes. */
    static FrameEvent frame(Path phases, String id, String label, int frame) {
        double hours = frame * RealTimelines.HOURS_PER_FRAME;
        byte[] gray = new EmbryoRenderer(RenderOptions.defaults()).render(RealTimelines.replay(phases, id.hashCode()),
                hours, 0, FrameGeometry.canonical());
        return FrameEvent.newBuilder().setEmbryoId(id).setDisplayLabel(label).setFrameId(id + ":" + frame + ":0")
                .setTimePoint(frame).setFocalPlane(0).setAcquisitionTime(null).setHoursPostInsemination(hours)
                .setHpiSource(HpiSource.RENDERER)
                .setImage(Image.newBuilder().setData(ByteBuffer.wrap(CanonicalPng.encode(gray)))
                        .setEncoding(ImageEncoding.PNG).setWidth(256).setHeight(256).build())
                .setSourceRef(label + " #" + frame).setProducer(EmbryoRenderer.RENDERER_VERSION)
                .setIngestTime(EMITTED.plusSeconds(frame)).setGroundTruth(null).build();
    }

    /** Sends with each topic's real serde and waits for every acknowledgement. */
    static void produce(String bootstrap, List<Event> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2097152");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Event e : events) {
                producer.send(new ProducerRecord<>(e.topic(), e.key(), encode(e.value())));
            }
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(SpecificRecord value) {
        if (value instanceof StageEvent s) {
            return Topics.STAGES.codec().encode(s);
        } else if (value instanceof TransitionEvent t) {
            return Topics.TRANSITIONS.codec().encode(t);
        } else if (value instanceof AlertEvent a) {
            return Topics.ALERTS.codec().encode(a);
        } else if (value instanceof FrameEvent f) {
            return Topics.FRAMES.codec().encode(f);
        }
        throw new IllegalArgumentException("no topic for " + value.getClass());
    }
}
