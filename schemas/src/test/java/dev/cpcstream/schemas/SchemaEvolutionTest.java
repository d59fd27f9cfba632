package dev.cpcstream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Producers and consumers upgrade at different times: each side must read what the other writes. */
class SchemaEvolutionTest {

    private static final Schema EMBEDDING_V1 = SchemaHistory.versionsOf("Embedding").get(0);
    /** The last Embedding schema before novelty scores. */
    private static final Schema EMBEDDING_V2 = SchemaHistory.versionsOf("Embedding").get(1);
    private static final Schema CHECKPOINT_V1 = SchemaHistory.versionsOf("ModelCheckpoint").get(0);
    /** The last ModelCheckpoint schema before each carried state's last-seen mark. */
    private static final Schema CHECKPOINT_V3 = SchemaHistory.versionsOf("ModelCheckpoint").get(2);
    private static final Schema DEAD_LETTER_WITH_NEW_REASON = parse("evolved/DeadLetterWithNewReason.avsc");

    @Test
    void aReaderOfTheFirstEmbeddingSchemaReadsBytesWithAPrototype() throws IOException {
        Embedding embedding = Samples.embedding();
        byte[] bytes = Codecs.EMBEDDING.encode(embedding);

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(Embedding.getClassSchema());
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), EMBEDDING_V1, store)
                .decode(bytes);

        assertFalse(read.hasField("prototype"), "the field v1 does not know is skipped");
        assertEquals("mic-kitchen-01", read.get("sourceId").toString());
        assertEquals(Samples.CAPTURED.toEpochMilli(), read.get("timestamp"));
        assertEquals(embedding.getVector(), read.get("vector"));
        assertEquals(4_021L, read.get("modelVersion"));
        assertEquals(true, read.get("trained"), "the field after the skipped one's position still lines up");
    }

    @Test
    void theCurrentClassReadsEmbeddingsWrittenBeforePrototypes() throws IOException {
        Embedding embedding = Samples.embedding();
        byte[] bytes = write(EMBEDDING_V1, asGeneric(embedding, EMBEDDING_V1));

        Embedding read = Codecs.EMBEDDING.decode(bytes);

        assertNull(read.getPrototype(), "the added field takes its default");
        assertEquals(Embedding.newBuilder(embedding).setPrototype(null).build(), read);
    }

    @Test
    void aReaderOfTheEmbeddingSchemaBeforeNoveltyReadsBytesWithANoveltyScore() throws IOException {
        Novelty novelty = Novelty.newBuilder().setScore(0.7).setContrastiveLoss(3.2).setSourceDistance(0.7)
                .setStreamDistance(0.4).setThreshold(0.5).setNovel(true).build();
        Embedding embedding = Embedding.newBuilder(Samples.embedding()).setNovelty(novelty).build();
        byte[] bytes = Codecs.EMBEDDING.encode(embedding);

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(Embedding.getClassSchema());
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), EMBEDDING_V2, store)
                .decode(bytes);

        assertFalse(read.hasField("novelty"), "the field v2 does not know is skipped");
        assertEquals(embedding.getVector(), read.get("vector"));
        assertEquals(embedding.getPrototype(), read.get("prototype"), "the field before it still lines up");
    }

    @Test
    void theCurrentClassReadsEmbeddingsWrittenBeforeNovelty() throws IOException {
        Embedding embedding = Samples.embedding();
        byte[] bytes = write(EMBEDDING_V2, asGeneric(embedding, EMBEDDING_V2));

        Embedding read = Codecs.EMBEDDING.decode(bytes);

        assertNull(read.getNovelty(), "the added field takes its default");
        assertEquals(embedding, read);
    }

    @Test
    void theCurrentClassReadsCheckpointsWrittenBeforePrototypes() throws IOException {
        ModelCheckpoint checkpoint = Samples.checkpoint();
        byte[] bytes = write(CHECKPOINT_V1, asGeneric(checkpoint, CHECKPOINT_V1));

        ModelCheckpoint read = Codecs.MODEL_CHECKPOINT.decode(bytes);

        assertNull(read.getPrototypes(), "a checkpoint from before prototypes restores without them");
        assertEquals(Samples.checkpoint().getQueueKeys(), read.getQueueKeys());
        assertEquals(checkpoint.getInputOffsets(), read.getInputOffsets());
    }

    @Test
    void theCurrentClassReadsCheckpointsWrittenBeforeLastSeenMarks() throws IOException {
        ModelCheckpoint checkpoint = Samples.checkpoint();
        byte[] bytes = write(CHECKPOINT_V3, asGeneric(checkpoint, CHECKPOINT_V3));

        ModelCheckpoint read = Codecs.MODEL_CHECKPOINT.decode(bytes);

        assertFalse(checkpoint.getCarriedStatesLastSeen().isEmpty());
        assertTrue(read.getCarriedStatesLastSeen().isEmpty(), "the added field takes its default");
        assertEquals(checkpoint.getCarriedStates(), read.getCarriedStates());
        assertEquals(checkpoint.getInputOffsets(), read.getInputOffsets());
    }

    @Test
    void aReasonUnknownToThisReleaseReadsAsOtherAndKnownOnesByName() throws IOException {
        AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
        codec.registerWriterSchema(DEAD_LETTER_WITH_NEW_REASON);
        DeadLetter known = Samples.deadLetter();
        GenericRecord clockSkew = asGeneric(known, DEAD_LETTER_WITH_NEW_REASON);
        clockSkew.put("reason", symbol(DEAD_LETTER_WITH_NEW_REASON, "reason", "CLOCK_SKEW"));

        DeadLetter readKnown = codec.decode(write(DEAD_LETTER_WITH_NEW_REASON,
                asGeneric(known, DEAD_LETTER_WITH_NEW_REASON)));
        DeadLetter readUnknown = codec.decode(write(DEAD_LETTER_WITH_NEW_REASON, clockSkew));

        assertEquals(DeadLetterReason.SAMPLE_RATE_MISMATCH, readKnown.getReason());
        assertEquals(DeadLetterReason.OTHER, readUnknown.getReason());
        assertEquals(known.getDetail(), readUnknown.getDetail());
    }

    @Test
    void aWriterSchemaTheCurrentOneCannotReadIsRefusedAtRegistration() {
        Schema current = Embedding.getClassSchema();
        List<Schema.Field> withoutPreset = current.getFields().stream()
                .filter(field -> !field.name().equals("preset"))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        Schema older = Schema.createRecord(current.getName(), null, current.getNamespace(), false, withoutPreset);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AvroCodec.of(Embedding.class).registerWriterSchema(older));
        assertTrue(e.getMessage().contains("preset"), e.getMessage());
    }

    /** The record's fields that {@code writer} has, as a producer built on that schema would hold them. */
    private static GenericRecord asGeneric(SpecificRecord record, Schema writer) {
        GenericRecordBuilder builder = new GenericRecordBuilder(writer);
        for (Schema.Field field : writer.getFields()) {
            Object value = record.get(record.getSchema().getField(field.name()).pos());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                value = symbol(writer, field.name(), symbol.name());
            }
            builder.set(field.name(), value);
        }
        return builder.build();
    }

    private static GenericData.EnumSymbol symbol(Schema record, String field, String name) {
        return new GenericData.EnumSymbol(record.getField(field).schema(), name);
    }

    private static byte[] write(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record, out);
        return out.toByteArray();
    }

    private static Schema parse(String resource) {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read test schema " + resource, e);
        }
    }
}
