package io.embryostream.classifier.intake;

import io.embryostream.classifier.metrics.ClassifierMetrics;
import io.embryostream.schemas.DeadLetter;
import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.codec.EventCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the intakes share: the input is read as bytes and decoded by the processor, so a bad
 * record becomes a dead letter (with its reason code and original bytes) in the same transaction,
 * instead of a deserialization error that stops the task; the records around it go on. Accepted
 * values go to one child, dead letters to the other.
 */
abstract class DecodingIntake<E extends SpecificRecord> implements Processor<String, byte[], String, Object> {

    final String topic;
    final EventCodec<E> codec;
    final ClassifierMetrics metrics;
    private final String acceptedChild;
    private final String deadLetterChild;
    ProcessorContext<String, Object> context;

    DecodingIntake(String topic, EventCodec<E> codec, ClassifierMetrics metrics, String acceptedChild,
                   String deadLetterChild) {
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

    final void accepted(Record<String, byte[]> record, Object value) {
        context.forward(record.withValue(value), acceptedChild);
    }

    /** @param cause the exception class that rejected the record, or null for a rule without one */
    final void deadLetter(Record<String, byte[]> record, DeadLetterReason reason, String message, Class<?> cause) {
        metrics.deadLetter(reason);
        DeadLetter d = DeadLetters.of(reason, message, context.recordMetadata().orElse(null), record.key(), record.value(),
                context.currentSystemTimeMs());
        context.forward(record.withValue((Object) d).withHeaders(DeadLetters.connectHeaders(d, cause)), deadLetterChild);
    }
}
