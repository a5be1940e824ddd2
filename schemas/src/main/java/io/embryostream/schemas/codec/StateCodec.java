package io.embryostream.schemas.codec;

import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The codec of one state-store value type: Avro single-object encoding, as the topics use, reading
 * every released version of the schema (a newer classifier restores what an older one wrote).
 * Values a build before these schemas wrote carry a format byte instead of the {@code C3 01} marker;
 * {@link #isSingleObject} tells them apart so their readers can still take them.
 */
public final class StateCodec<T extends SpecificRecord> {

    private final EventCodec<T> codec;
    private final String store;

    private StateCodec(EventCodec<T> codec, String store) {
        this.codec = codec;
        this.store = store;
    }

    /** The codec of {@code type}, the values of store {@code store} (named in errors). */
    public static <T extends SpecificRecord> StateCodec<T> of(Class<T> type, String store) {
        return new StateCodec<>(EventCodec.of(type), store);
    }

    /** True when {@code bytes} start with the single-object marker; false for a pre-Avro state format. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01;
    }

    /**
     * The bytes of a decoded {@code bytes} field: its backing array when the buffer spans all of it (as
     * the decoder allocates it), so that large values (frames) are not copied twice; a copy otherwise.
     */
    public static byte[] bytesOf(ByteBuffer b) {
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    public byte[] encode(T value) {
        return codec.encode(value);
    }

    /**
     * Decodes a value of this store.
     *
     * @throws IllegalStateException saying what to do: a value of a newer classifier, or corrupt state
     */
    public T decode(byte[] bytes) {
        try {
            return codec.decode(store, bytes);
        } catch (EventDecodingException e) {
            throw new IllegalStateException("state store " + store + ": " + (e.reason()
                    == EventDecodingException.Reason.UNKNOWN_SCHEMA
                    ? "written by a newer classifier (" + e.getMessage() + "); roll back the classifier or reset its"
                            + " state stores"
                    : "a value that does not decode (" + e.getMessage() + "); reset the state stores"), e);
        }
    }
}
