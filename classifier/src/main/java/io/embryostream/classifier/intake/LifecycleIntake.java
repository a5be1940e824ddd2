package io.embryostream.classifier.intake;

import io.embryostream.schemas.DeadLetterReason;
import io.embryostream.schemas.EmbryoLifecycle;
import io.embryostream.schemas.codec.EventCodec;
import io.embryostream.schemas.codec.EventDecodingException;
import io.embryostream.classifier.metrics.ClassifierMetrics;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes lifecycle events; undecodable ones and ones keyed by another embryo (or none) become dead
 * letters, compaction tombstones are ignored.
 */
public final class LifecycleIntake extends DecodingIntake<EmbryoLifecycle> {

    public LifecycleIntake(String topic, EventCodec<EmbryoLifecycle> codec, ClassifierMetrics metrics,
                           String acceptedChild, String deadLetterChild) {
        super(topic, codec, metrics, acceptedChild, deadLetterChild);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return; // a compaction tombstone: nothing to act on
        }
        EmbryoLifecycle event;
        try {
            event = codec.decode(topic, record.value());
        } catch (EventDecodingException e) {
            deadLetter(record, DeadLetters.reasonFor(e), e.getMessage(), e.getClass());
            return;
        }
        if (record.key() == null || !record.key().equals(event.getEmbryoId())) {
            // acted on, it would change the state of whichever embryo the key names, on the key's partition
            deadLetter(record, DeadLetterReason.UNDECODABLE, "record key '" + record.key() + "' is not the event's embryo"
                    + " id (keys must be the embryo id so an embryo's lifecycle shares its frames' partition)", null);
            return;
        }
        accepted(record, event);
    }
}
