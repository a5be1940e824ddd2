package io.embryostream.classifier.intake;

import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes lifecycle events; undecodable ones become dead letters, tombstones are ignored. */
public final class LifecycleIntake implements Processor<String, byte[], String, Object> {

    private final String topic;
    private final EventCodec<EmbryoLifecycle> codec;
    private final ClassifierMetrics metrics;
    private final String acceptedChild;
    private final String deadLetterChild;
    private ProcessorContext<String, Object> context;

    public LifecycleIntake(String topic, EventCodec<EmbryoLifecycle> codec, ClassifierMetrics metrics,
                           String acceptedChild, String deadLetterChild) {
        this.topic = topic;
        this.codec = codec;
        this.metrics = metrics;
        this.acceptedChild = acceptedChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null || record.key() == null) {
            return; // compaction tombstone or keyless: nothing to act on
        }
        try {
            EmbryoLifecycle l = codec.decode(topic, record.value());
            context.forward(record.withValue((Object) l), acceptedChild);
        } catch (EventDecodingException e) {
            DeadLetterReason reason = DeadLetters.reasonFor(e);
            metrics.deadLetter(reason);
            context.forward(record.withValue((Object) DeadLetters.of(reason, e.getMessage(),
                    context.recordMetadata().orElse(null), record.key(), record.value(),
                    context.currentSystemTimeMs())), deadLetterChild);
        }
    }
}
