package io.embryostream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * An Avro record as plain JSON for people and {@code jq}: fields by name, enums and strings as text,
 * logical types as they read (timestamps ISO-8601), a union as its value (null, or the branch taken);
 * bytes summarised as their length and SHA-256 prefix, since a frame's pixels help nobody on a terminal.
 */
final class RecordJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordJson() {
    }

    static JsonNode of(IndexedRecord record) {
        // the generated classes' own model: it knows their logical types' Java classes (a timestamp's Instant)
        return value(SpecificData.getForSchema(record.getSchema()), record.getSchema(), record);
    }

    private static JsonNode value(GenericData model, Schema schema, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        switch (schema.getType()) {
            case UNION:
                return value(model, schema.getTypes().get(model.resolveUnion(schema, value)), value);
            case RECORD: {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = JSON.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), value(model, field.schema(), record.get(field.pos())));
                }
                return object;
            }
            case ARRAY: {
                ArrayNode array = JSON.arrayNode();
                for (Object element : (Iterable<?>) value) {
                    array.add(value(model, schema.getElementType(), element));
                }
                return array;
            }
            case MAP: {
                ObjectNode object = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), value(model, schema.getValueType(), v)));
                return object;
            }
            case BYTES:
                return bytes(((ByteBuffer) value).duplicate());
            case FIXED:
                return bytes(ByteBuffer.wrap(((GenericFixed) value).bytes()));
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                return number(value);
            case BOOLEAN:
                return JSON.booleanNode((Boolean) value);
            default: // STRING (Utf8 or String), ENUM
                return JSON.textNode(value.toString());
        }
    }

    /** A number, or a logical type's Java value (a timestamp's Instant) as it reads; NaN and infinities as text. */
    private static JsonNode number(Object value) {
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return JSON.numberNode(n.doubleValue());
        }
        return JSON.textNode(value.toString());
    }

    /** {@code {"bytes": n, "sha256": "first 16 hex digits"}}: enough to tell two values apart. */
    static JsonNode bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 8);
            return JSON.objectNode().put("bytes", b.length).put("sha256", digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
        }
    }
}
