package io.embryostream.schemas.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes one event type in Avro single-object encoding (marker {@code C3 01}, the
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body). The fingerprint
 * selects the writer schema among the current one and every released version, and Avro schema
 * resolution maps it onto the current class: no registry server is involved.
 */
public final class EventCodec<T extends SpecificRecord> {

    static {
        // Avro 1.12 refuses to instantiate classes it was not told to trust; the generated event
        // classes are ours, so trust them here instead of asking every JVM for a system property.
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                c -> c.getName().startsWith("io.embryostream.schemas.")));
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private EventCodec(Class<T> type, Schema current, List<Schema> writerSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        // no copy inside Avro: encode() copies the thread's buffer into the returned array at once
        this.encoder = new BinaryMessageEncoder<>(model, current, false);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Schema s : writerSchemas) {
            decoder.addSchema(s);
        }
    }

    /** A codec for the generated class {@code type} that reads every released version of it. */
    public static <T extends SpecificRecord> EventCodec<T> of(Class<T> type) {
        Schema current = SpecificData.get().getSchema(type);
        return new EventCodec<>(type, current, ReleasedSchemas.of(current.getName()));
    }

    /** A codec that also reads the given extra writer schemas (tests of older versions). */
    static <T extends SpecificRecord> EventCodec<T> of(Class<T> type, List<Schema> writerSchemas) {
        return new EventCodec<>(type, SpecificData.get().getSchema(type), writerSchemas);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T event) {
        try {
            ByteBuffer buf = encoder.encode(event);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes a payload read from {@code topic}.
     *
     * @throws EventDecodingException naming the topic: {@code UNKNOWN_SCHEMA} for a well-formed
     *     payload from an unknown schema version, {@code UNDECODABLE} for anything else
     */
    public T decode(String topic, byte[] payload) {
        if (payload == null) {
            throw new EventDecodingException(EventDecodingException.Reason.UNDECODABLE, topic,
                    "null payload where a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return decoder.decode(payload);
        } catch (MissingSchemaException e) {
            throw new EventDecodingException(EventDecodingException.Reason.UNKNOWN_SCHEMA, topic,
                    type.getSimpleName() + " written with a schema this build does not know ("
                            + e.getMessage() + "); upgrade this consumer to the producer's release", e);
        } catch (BadHeaderException e) {
            throw new EventDecodingException(EventDecodingException.Reason.UNDECODABLE, topic,
                    "not an Avro single-object encoded " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new EventDecodingException(EventDecodingException.Reason.UNDECODABLE, topic,
                    "corrupt " + type.getSimpleName() + " body: " + e, e);
        }
    }
}
