package io.embryostream.view.timeline;

import io.embryostream.schemas.AlertEvent;
import io.embryostream.schemas.AnnotationEvent;
import io.embryostream.schemas.StageEvent;
import io.embryostream.schemas.TransitionEvent;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds an embryo's stage, transition, alert and annotation events into its {@link EmbryoTimeline}
 * and its {@link StagePoint}s, and forwards each change to agreement, keyed by model version and
 * stage, for aggregation across embryos.
 */
final class TimelineProcessor implements Processor<String, SpecificRecord, String, AgreementCounts> {

    private final double toleranceHours;
    private ProcessorContext<String, AgreementCounts> context;
    private KeyValueStore<String, EmbryoTimeline> timelines;
    private KeyValueStore<String, StagePoint> points;

    TimelineProcessor(double toleranceHours) {
        this.toleranceHours = toleranceHours;
    }

    @Override
    public void init(ProcessorContext<String, AgreementCounts> context) {
        this.context = context;
        this.timelines = context.getStateStore(ViewTopology.TIMELINES);
        this.points = context.getStateStore(ViewTopology.POINTS);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String embryoId = record.key();
        if (embryoId == null || record.value() == null) {
            return;
        }
        EmbryoTimeline timeline = timelines.get(embryoId);
        if (timeline == null) {
            timeline = new EmbryoTimeline(embryoId);
        }
        Optional<AgreementCounts> change = Optional.empty();
        SpecificRecord event = record.value();
        if (event instanceof StageEvent s) {
            StagePoint point = timeline.apply(s);
            points.put(ViewTopology.pointKey(embryoId, point.timePoint()), point);
        } else if (event instanceof TransitionEvent t) {
            change = timeline.apply(t, toleranceHours);
        } else if (event instanceof AlertEvent a) {
            timeline.apply(a);
        } else if (event instanceof AnnotationEvent a) {
            change = timeline.apply(a, toleranceHours);
        } else {
            throw new IllegalArgumentException("unexpected event " + event.getClass());
        }
        timelines.put(embryoId, timeline);
        change.ifPresent(c -> context.forward(record.withKey(c.key()).withValue(c)));
    }
}
