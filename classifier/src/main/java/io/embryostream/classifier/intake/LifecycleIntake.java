package io.embryostream.classifier.intake;

import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes lifecycle events; undecodable ones become dead letters, tombstones are ignored. */
public final class LifecycleIntake extends DecodingIntake<EmbryoLifecycle> {

    public LifecycleIntake(String topic, EventCodec<EmbryoLifecycle> codec, ClassifierMetrics metrics,
                           String acceptedChild, String deadLetterChild) {
        super(topic, codec, metrics, acceptedChild, deadLetterChild);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null || record.key() == null) {
            return; // compaction tombstone or keyless: nothing to act on
        }
        try {
            accepted(record, codec.decode(topic, record.value()));
        } catch (EventDecodingException e) {
            deadLetter(record, DeadLetters.reasonFor(e), e.getMessage());
        }
    }
}
