package io.embryostream.classifier.embryo;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A state store's value serde from a value type's own bytes form; null (a tombstone) stays null. */
public final class StateSerde {

    private StateSerde() {
    }

    public static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }
}
