package dev.cpcstream.streams.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcstream.schemas.Embedding;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON mirror against the messages the sink connectors document: {@code sinks/qdrant-point.json} is the
 * qdrant-kafka README's unnamed-vector message with the UUID id form its README also shows;
 * {@code sinks/milvus-sample.json} is kafka-connect-milvus's sample message with the collection schema its quick
 * start creates, and {@code sinks/milvus-cpcstream-collection.json} the collection docs/downstream.md creates.
 */
class JsonMirrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonMirror MIRROR = new JsonMirror("cpc.points", "kitchen_audio");

    @Test
    void aPointHasTheQdrantMessagesFieldsWithTheirTypes() throws IOException {
        JsonNode documented = resource("qdrant-point.json");
        JsonNode point = JSON.readTree(MIRROR.encode(embedding()));

        assertEquals(names(documented), names(point));
        documented.fieldNames().forEachRemaining(name ->
                assertEquals(documented.get(name).getNodeType(), point.get(name).getNodeType(), name));
        assertEquals("kitchen_audio", point.get("collection_name").asText());
        assertEquals(JsonMirror.pointId("mic-kitchen-01", 40, 43), UUID.fromString(point.get("id").asText()),
                "Qdrant takes a UUID string as point id");
        point.get("vector").forEach(value -> assertTrue(value.isNumber(), value.toString()));
    }

    @Test
    void aPointFitsTheMilvusCollectionFieldByFieldAsTheDocumentedSampleDoes() throws IOException {
        JsonNode sample = resource("milvus-sample.json");
        assertEquals(Set.of(), unfit(sample.get("message"), sample.get("collection"), sample.get("dimension").asInt()),
                "the connector's own sample, so the check itself reads the collection as the connector does");

        JsonNode point = JSON.readTree(MIRROR.encode(embedding()));
        JsonNode collection = resource("milvus-cpcstream-collection.json");
        assertEquals(Set.of(), unfit(point, collection, embedding().getDimension()));
        Set<String> extra = names(point);
        extra.removeAll(names(collection));
        assertEquals(Set.of("collection_name"), extra, "dropped, or kept as a dynamic field where enabled");
    }

    @Test
    void thePayloadIsEveryEmbeddingFieldButTheVector() throws IOException {
        JsonNode payload = JSON.readTree(MIRROR.encode(embedding())).get("payload");

        Set<String> expected = Embedding.getClassSchema().getFields().stream().map(Schema.Field::name)
                .filter(name -> !name.equals("vector")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, names(payload));
        assertEquals("mic-kitchen-01", payload.get("sourceId").asText());
        assertEquals(40, payload.get("startSeq").asLong());
        assertEquals(43, payload.get("endSeq").asLong());
        assertEquals("2025-12-05T16:00:00.123Z", payload.get("timestamp").asText(), "RFC 3339");
        assertEquals(7, payload.get("modelVersion").asLong());
        assertTrue(payload.get("prototype").isNull());
    }

    @Test
    void aWindowKeepsItsIdAndOtherWindowsGetOthers() {
        assertEquals(UUID.fromString("6ab73057-10c6-33b4-91d0-955f6514a770"),
                JsonMirror.pointId("mic-kitchen-01", 40, 43), "the id docs/downstream.md shows; a new scheme would"
                        + " give every replayed window a second point");
        assertEquals(JsonMirror.pointId("a", 0, 3), JsonMirror.pointId("a", 0, 3));
        assertNotEquals(JsonMirror.pointId("a", 0, 3), JsonMirror.pointId("a", 1, 4));
        assertNotEquals(JsonMirror.pointId("a", 0, 3), JsonMirror.pointId("b", 0, 3));
        assertNotEquals(JsonMirror.pointId("a1", 0, 3), JsonMirror.pointId("a", 10, 3), "no ambiguous joins");
    }

    /**
     * The collection's fields the message cannot fill, read as kafka-connect-milvus's DataConverter reads a
     * schemaless message: each collection field by name, a scalar for Int64 and VarChar, an array of numbers of the
     * collection's dimension for FloatVector, an object for JSON.
     */
    private static Set<String> unfit(JsonNode message, JsonNode collection, int dimension) {
        Set<String> unfit = new TreeSet<>();
        collection.fields().forEachRemaining(field -> {
            JsonNode value = message.get(field.getKey());
            boolean fits = value != null && switch (field.getValue().asText()) {
                case "Int64" -> value.isIntegralNumber();
                case "VarChar" -> value.isValueNode() && !value.isNull();
                case "FloatVector" -> value.isArray() && value.size() == dimension
                        && List.copyOf(JSON.convertValue(value, List.class)).stream().allMatch(Number.class::isInstance);
                case "JSON" -> value.isObject();
                default -> false;
            };
            if (!fits) {
                unfit.add(field.getKey());
            }
        });
        return unfit;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = JsonMirrorTest.class.getResourceAsStream("sinks/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static Embedding embedding() {
        return Embedding.newBuilder()
                .setSourceId("mic-kitchen-01").setStartSeq(40).setEndSeq(43)
                .setTimestamp(Instant.ofEpochMilli(1_764_950_400_123L))
                .setModelVersion(7).setModelStep(1_200)
                .setVector(List.of(0.25f, -1.5f, 3.0e-3f, 0f)).setDimension(4)
                .setPreset("tiny").setTrained(true).setPrototype(null)
                .build();
    }
}
