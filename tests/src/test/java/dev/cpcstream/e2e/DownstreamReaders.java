package dev.cpcstream.e2e;

import dev.cpcstream.schemas.Embedding;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the tools downstream read cpcstream's output: clients nobody here wrote, configured as their docs say. */
final class DownstreamReaders {

    private DownstreamReaders() {
    }

    /**
     * Apicurio's Avro deserializer reading the Confluent wire format: the 4-byte id taken as a content id, which is
     * what Apicurio's Confluent-compatible API hands out.
     */
    static AvroKafkaDeserializer<GenericRecord> apicurio(ConfluentSubsetRegistry registry) {
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(Map.of(
                SerdeConfig.REGISTRY_URL, registry.url() + ConfluentSubsetRegistry.APICURIO_API,
                SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, "true",
                SerdeConfig.USE_ID, "contentId"), false);
        return deserializer;
    }

    /** Fails unless the generic record holds the embedding's every field, whatever the schema's current fields. */
    static void assertSameFields(Embedding expected, GenericRecord actual) {
        for (Schema.Field field : expected.getSchema().getFields()) {
            assertEquals(plain(expected.get(field.pos())), plain(actual.get(field.name())), field.name());
        }
    }

    /** A field's value as both readers can agree on it: a nested record as its fields, by name. */
    private static Object plain(Object value) {
        if (value instanceof IndexedRecord record) {
            Map<String, Object> fields = new TreeMap<>();
            record.getSchema().getFields().forEach(f -> fields.put(f.name(), plain(record.get(f.pos()))));
            return fields;
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return value;
    }
}
