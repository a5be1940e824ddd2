package io.embryostream.topics;

import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.FrameEvent;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;

/** The topics and their serdes, in one place. Names and settings come from the catalog file. */
public final class Topics {

    public static final Topic<FrameEvent> FRAMES = topic("frames", FrameEvent.class);
    public static final Topic<StageEvent> STAGES = topic("stages", StageEvent.class);
    public static final Topic<TransitionEvent> TRANSITIONS = topic("transitions", TransitionEvent.class);
    public static final Topic<AlertEvent> ALERTS = topic("alerts", AlertEvent.class);
    public static final Topic<EmbryoLifecycle> LIFECYCLE = topic("lifecycle", EmbryoLifecycle.class);
    public static final Topic<DeadLetter> DEAD_LETTERS = topic("deadletter", DeadLetter.class);
    public static final Topic<AnnotationEvent> ANNOTATIONS = topic("annotations", AnnotationEvent.class);

    private Topics() {
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> Topic<V> topic(String role, Class<V> type) {
        return new Topic<>(TopicCatalog.standard().requireRole(role), type);
    }
}
