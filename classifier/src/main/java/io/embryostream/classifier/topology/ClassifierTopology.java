package io.embryostream.classifier.topology;

import io.embryostream.classifier.assemble.TimePointAssembler;
import io.embryostream.classifier.inference.ModelRegistry;
import io.embryostream.classifier.inference.StageInference;
import io.embryostream.classifier.intake.FrameIntake;
import io.embryostream.classifier.embryo.EmbryoLifecycleRecorder;
import io.embryostream.classifier.intake.LifecycleIntake;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.topics.Topic;
import io.embryostream.topics.Topics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The classifier's topology. Every node and store has an explicit name: generated names shift when
 * the topology changes and would orphan the changelogs.
 *
 * <pre>
 * frames-source ─▶ frame-intake ─▶ time-point-assembler ─▶ stage-inference ─▶ stages-sink
 *                        │                 │                         │  └────▶ transitions-sink
 *                        ▼                 ▼                         └───────▶ alerts-sink
 *                  dead-letter-sink ◀──────┴───────────┐
 *                                                      │
 * lifecycle-source ─▶ lifecycle-intake ─▶ embryo-lifecycle (records STARTED / ENDED in embryo-state)
 * </pre>
 */
public final class ClassifierTopology {

    public static final String FRAMES_SOURCE = "frames-source";
    public static final String FRAME_INTAKE = "frame-intake";
    public static final String ASSEMBLER = "time-point-assembler";
    public static final String INFERENCE = "stage-inference";
    public static final String LIFECYCLE_SOURCE = "lifecycle-source";
    public static final String LIFECYCLE_INTAKE = "lifecycle-intake";
    public static final String EMBRYO_LIFECYCLE = "embryo-lifecycle";
    public static final String STAGES_SINK = "stages-sink";
    public static final String TRANSITIONS_SINK = "transitions-sink";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    public static final String EMBRYO_STORE = ClassifierStores.EMBRYO_STATE;
    public static final String PLANE_STORE = ClassifierStores.PENDING_PLANES;
    public static final String PENDING_STORE = ClassifierStores.PENDING_TIME_POINTS;
    public static final String EMBEDDING_STORE = ClassifierStores.RECENT_EMBEDDINGS;

    /**
     * What the topology is built with: how long a time point waits for its missing planes, and how
     * inference is tuned. The application's configuration builds it.
     */
    public record Settings(double assemblyTimeoutHours, StageInference.Tuning inference) {
    }

    private static final StageInference.Wiring INFERENCE_WIRING = new StageInference.Wiring(EMBRYO_STORE,
            PENDING_STORE, PLANE_STORE, EMBEDDING_STORE, STAGES_SINK, TRANSITIONS_SINK, ALERTS_SINK);

    private ClassifierTopology() {
    }

    /** Builds the topology; tests build it with the app's real config and the shipped model. */
    public static Topology build(Settings settings, ModelRegistry models, ClassifierMetrics metrics) {
        Topology t = new Topology();
        t.addSource(FRAMES_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.FRAMES.name());
        t.addProcessor(FRAME_INTAKE, () -> new FrameIntake(Topics.FRAMES.name(), Topics.FRAMES.codec(), metrics,
                ASSEMBLER, DEAD_LETTER_SINK), FRAMES_SOURCE);
        t.addProcessor(ASSEMBLER, () -> new TimePointAssembler(EMBRYO_STORE, PLANE_STORE, models, metrics,
                settings.assemblyTimeoutHours(), settings.inference().lifetime(), INFERENCE, DEAD_LETTER_SINK),
                FRAME_INTAKE);
        t.addSource(LIFECYCLE_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.LIFECYCLE.name());
        t.addProcessor(LIFECYCLE_INTAKE, () -> new LifecycleIntake(Topics.LIFECYCLE.name(), Topics.LIFECYCLE.codec(),
                metrics, EMBRYO_LIFECYCLE, DEAD_LETTER_SINK), LIFECYCLE_SOURCE);
        t.addProcessor(EMBRYO_LIFECYCLE, () -> new EmbryoLifecycleRecorder(EMBRYO_STORE), LIFECYCLE_INTAKE);
        t.addProcessor(INFERENCE, () -> new StageInference(INFERENCE_WIRING, settings.inference(), models, metrics),
                ASSEMBLER);

        Map<String, String[]> users = Map.of(EMBRYO_STORE, new String[] {ASSEMBLER, EMBRYO_LIFECYCLE, INFERENCE},
                PLANE_STORE, new String[] {ASSEMBLER, INFERENCE}, PENDING_STORE, new String[] {INFERENCE},
                EMBEDDING_STORE, new String[] {INFERENCE});
        for (StoreBuilder<?> store : ClassifierStores.builders()) {
            t.addStateStore(store, users.get(store.name()));
        }

        t.addSink(STAGES_SINK, Topics.STAGES.name(), Serdes.String().serializer(), valuesOf(Topics.STAGES), INFERENCE);
        t.addSink(TRANSITIONS_SINK, Topics.TRANSITIONS.name(), Serdes.String().serializer(),
                valuesOf(Topics.TRANSITIONS), INFERENCE);
        t.addSink(ALERTS_SINK, Topics.ALERTS.name(), Serdes.String().serializer(), valuesOf(Topics.ALERTS), INFERENCE);
        t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTERS.name(), Serdes.String().serializer(),
                valuesOf(Topics.DEAD_LETTERS), FRAME_INTAKE, ASSEMBLER, LIFECYCLE_INTAKE);
        return t;
    }

    /**
     * A sink's value serializer: the topic's codec. A processor may send several event types, each to
     * its own sink; a value of another type reaching this sink is a wiring error and says so.
     */
    private static <T extends SpecificRecord> Serializer<Object> valuesOf(Topic<T> topic) {
        EventCodec<T> codec = topic.codec();
        return (name, value) -> {
            if (!codec.type().isInstance(value)) {
                throw new IllegalStateException("sink of " + name + " got a " + value.getClass().getName()
                        + ", not a " + codec.type().getSimpleName() + ": the topology routes it wrong");
            }
            return codec.encode(codec.type().cast(value));
        };
    }
}
