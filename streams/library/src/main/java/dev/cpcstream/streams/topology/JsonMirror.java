package dev.cpcstream.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcstream.schemas.Embedding;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;

/**
 * The JSON mirror of the embeddings topic: one object per window, shaped as the Qdrant Kafka sink connector reads a
 * point ({@code collection_name}, {@code id}, {@code vector}, {@code payload}) and as the Milvus Kafka sink maps
 * top-level fields onto a collection's fields by name ({@code id}, {@code vector}, {@code payload}).
 * {@code docs/downstream.md} gives both connectors' settings.
 *
 * <p>The payload is every field of the {@link Embedding} but the vector, under its Avro name, so a field added to
 * the schema appears in it without a change here; timestamps are RFC 3339 strings, which Qdrant indexes as
 * datetimes.
 *
 * @param topic      where the objects go
 * @param collection the {@code collection_name} each object names, which Qdrant requires in every message
 */
public record JsonMirror(String topic, String collection) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public JsonMirror {
        if (topic.isBlank() || collection.isBlank()) {
            throw new IllegalArgumentException("the JSON mirror needs a topic and a collection name");
        }
    }

    /**
     * The point id of a window: a name-based UUID of its source and seqs, so a replayed window overwrites its point
     * instead of adding one (Qdrant takes only an unsigned integer or a UUID as id).
     */
    public static UUID pointId(String sourceId, long startSeq, long endSeq) {
        return UUID.nameUUIDFromBytes((sourceId + "\n" + startSeq + "\n" + endSeq).getBytes(StandardCharsets.UTF_8));
    }

    public byte[] encode(Embedding embedding) {
        ObjectNode point = NODES.objectNode();
        point.put("collection_name", collection);
        point.put("id", pointId(embedding.getSourceId(), embedding.getStartSeq(), embedding.getEndSeq()).toString());
        ArrayNode vector = point.putArray("vector");
        embedding.getVector().forEach(vector::add);
        ObjectNode payload = point.putObject("payload");
        for (Schema.Field field : embedding.getSchema().getFields()) {
            if (!field.name().equals("vector")) {
                payload.set(field.name(), JSON.valueToTree(plain(embedding.get(field.pos()))));
            }
        }
        try {
            return JSON.writeValueAsBytes(point);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write embedding of " + embedding.getSourceId() + " as JSON", e);
        }
    }

    /** An Avro field's value as JSON can hold it: Instants as text, enums by symbol, nested records as objects. */
    private static Object plain(Object value) {
        if (value instanceof java.time.Instant instant) {
            return instant.toString();
        }
        if (value instanceof Float f && !Float.isFinite(f) || value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (value instanceof CharSequence || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode object = NODES.objectNode();
            record.getSchema().getFields().forEach(f -> object.set(f.name(), JSON.valueToTree(plain(record.get(f.pos())))));
            return object;
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(JsonMirror::plain).toList();
        }
        return value;
    }
}
