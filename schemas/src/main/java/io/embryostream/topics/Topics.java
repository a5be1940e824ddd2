package io.embryostream.topics;

import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReplay;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.IngestProgress;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.util.List;
import java.util.Optional;

/** The topics and their serdes, in one place. Names and settings come from the catalog file. */
public final class Topics {

    public static final Topic<FrameEvent> FRAMES = topic("frames", FrameEvent.class);
    public static final Topic<StageEvent> STAGES = topic("stages", StageEvent.class);
    public static final Topic<TransitionEvent> TRANSITIONS = topic("transitions", TransitionEvent.class);
    public static final Topic<AlertEvent> ALERTS = topic("alerts", AlertEvent.class);
    public static final Topic<EmbryoLifecycle> LIFECYCLE = topic("lifecycle", EmbryoLifecycle.class);
    public static final Topic<DeadLetter> DEAD_LETTERS = topic("deadletter", DeadLetter.class);
    public static final Topic<AnnotationEvent> ANNOTATIONS = topic("annotations", AnnotationEvent.class);
    public static final Topic<AlertEvent> ALERTS_UNDELIVERABLE = topic("alerts-undeliverable", AlertEvent.class);
    public static final Topic<DeadLetterReplay> REPLAYS = topic("replays", DeadLetterReplay.class);
    public static final Topic<IngestProgress> INGEST_PROGRESS = topic("ingest-progress", IngestProgress.class);

    private static final List<Topic<?>> ALL = List.of(FRAMES, STAGES, TRANSITIONS, ALERTS, LIFECYCLE, DEAD_LETTERS,
            ANNOTATIONS, ALERTS_UNDELIVERABLE, REPLAYS, INGEST_PROGRESS);

    static {
        // a topic added to the catalog needs its constant here: tools that take any topic (tail) find it by name
        if (ALL.size() != TopicCatalog.standard().topics().size()) {
            throw new IllegalStateException("the topic catalog lists " + TopicCatalog.standard().topics().size()
                    + " topics, Topics declares " + ALL.size());
        }
    }

    private Topics() {
    }

    /** Every topic of the catalog. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The catalog's topic called {@code name}, with its serdes. */
    public static Optional<Topic<?>> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> Topic<V> topic(String role, Class<V> type) {
        return new Topic<>(TopicCatalog.standard().requireRole(role), type);
    }
}
