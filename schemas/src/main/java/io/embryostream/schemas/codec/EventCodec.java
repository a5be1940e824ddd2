package io.embryostream.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one event type in Avro single-object encoding (marker {@code C3 01}, the
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body). The fingerprint
 * selects the writer schema among the current one and every released version, and Avro schema
 * resolution maps it onto the current class: no registry server is involved.
 */
public final class EventCodec<T extends SpecificRecord> {

    static {
        TrustedClasses.ensure();
    }

    private static final byte[] MARKER = {(byte) 0xC3, 0x01};
    private static final int HEADER = 10;

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** The current schema's header and a reader and writer of its body over buffered binary coders. */
    private final byte[] currentHeader;
    private final SpecificDatumReader<T> currentReader;
    private final SpecificDatumWriter<T> currentWriter;

    private EventCodec(Class<T> type, Schema current, List<Schema> writerSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Schema s : writerSchemas) {
            decoder.addSchema(s);
        }
        this.currentHeader = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN).put(MARKER)
                .putLong(SchemaNormalization.parsingFingerprint64(current)).array();
        this.currentReader = new SpecificDatumReader<>(current, current, model);
        this.currentWriter = new SpecificDatumWriter<>(current, model);
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

    /**
     * The event in single-object encoding: the bytes Avro's {@code BinaryMessageEncoder} writes
     * (tested), through a buffered encoder, which is several times faster on arrays and large byte fields.
     */
    public byte[] encode(T event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(currentHeader);
            BinaryEncoder body = EncoderFactory.get().binaryEncoder(out, null);
            currentWriter.write(event, body);
            body.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /** Single-object encoding as Avro's own encoder writes it (the reference {@link #encode} is tested against). */
    byte[] encodeWithAvroMessageEncoder(T event) throws IOException {
        ByteBuffer buf = encoder.encode(event);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
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
            if (payload.length >= HEADER && Arrays.equals(payload, 0, HEADER, currentHeader, 0, HEADER)) {
                // written with the current schema: read the body with a buffered decoder, no resolution
                return currentReader.read(null, DecoderFactory.get().binaryDecoder(payload, HEADER,
                        payload.length - HEADER, null));
            }
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
