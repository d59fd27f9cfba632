package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcstream.schemas.BareCodec;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.RecordCodecs;
import dev.cpcstream.schemas.RegistryCodec;
import dev.cpcstream.schemas.RegistryConnection;
import dev.cpcstream.schemas.SchemaRegistryClient;
import dev.cpcstream.schemas.SchemaRegistryException;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.schemas.UndecodableRecordException;
import dev.cpcstream.schemas.WireFormat;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry wire format against a registry over HTTP, read back by Apicurio's deserializer. */
class RegistryWireFormatTest {

    private static final String TOPIC = "wire.embeddings";
    private static final String SUBJECT = RegistryCodec.valueSubject(TOPIC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfluentSubsetRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = ConfluentSubsetRegistry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void anEmbeddingInTheRegistryFormatIsReadByApicuriosDeserializer() {
        Embedding embedding = embedding();
        byte[] bytes = codec(registry.url()).encode(embedding);

        int id = registry.versions(SUBJECT).get(0);
        assertEquals(0, bytes[0], "magic byte");
        assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt(), "the registered id");
        try (AvroKafkaDeserializer<GenericRecord> apicurio = DownstreamReaders.apicurio(registry)) {
            DownstreamReaders.assertSameFields(embedding, apicurio.deserialize(TOPIC, bytes));
        }
        assertTrue(registry.requests().contains("GET " + ConfluentSubsetRegistry.APICURIO_API + "/ids/contentIds/"
                + id), "Apicurio resolved the id through the registry: " + registry.requests());
    }

    @Test
    void aReaderAsksTheRegistryOnceForAnIdItHasNotSeen() {
        byte[] bytes = codec(registry.url()).encode(embedding());
        RegistryCodec<Embedding> reader = codec(registry.url());

        assertEquals(embedding(), reader.decode(bytes));
        assertEquals(embedding(), reader.decode(bytes));
        assertEquals(1, registry.requests().stream().filter(r -> r.startsWith("GET /schemas/ids/")).count(),
                registry.requests().toString());
    }

    @Test
    void basicAuthUserInfoIsSentAndItsAbsenceIsNamed() throws IOException {
        try (ConfluentSubsetRegistry secured = ConfluentSubsetRegistry.requiringBasicAuth("cpc:s3cret")) {
            SchemaRegistryClient withAuth = new SchemaRegistryClient(RegistryConnection.fromConfig(Map.of(
                    RegistryConnection.URL, secured.url(), RegistryConnection.BASIC_USER_INFO, "cpc:s3cret")));
            byte[] bytes = RegistryCodec.of(Embedding.class, withAuth, SUBJECT).encode(embedding());
            assertEquals(embedding(), RegistryCodec.of(Embedding.class, withAuth, SUBJECT).decode(bytes));

            SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                    () -> codec(secured.url()).encode(embedding()));
            assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
            assertTrue(refused.getMessage().contains(RegistryConnection.BASIC_USER_INFO), refused.getMessage());
        }
    }

    @Test
    void anUnknownIdIsUndecodableButAnUnreachableRegistryIsNot() {
        byte[] bytes = codec(registry.url()).encode(embedding());
        byte[] unknownId = bytes.clone();
        unknownId[4] = 99;
        String url = registry.url();

        assertThrows(UndecodableRecordException.class, () -> codec(url).decode(unknownId));
        registry.close();
        assertThrows(SchemaRegistryException.class, () -> codec(url).decode(bytes),
                "a registry that does not answer says nothing about the record");
    }

    @Test
    void aNewOptionalFieldIsACompatibleVersionThatOldReadersStillDecode() {
        RegistryCodec<Embedding> current = codec(registry.url());
        int currentId = current.register();
        Schema evolved = embeddingWith("NewOptionalField.json");
        SchemaRegistryClient upgradedProducer = client(registry.url());
        int evolvedId = upgradedProducer.register(SUBJECT, evolved);

        assertNotEquals(currentId, evolvedId);
        assertEquals(List.of(currentId, evolvedId), registry.versions(SUBJECT));
        GenericRecord written = withField(evolved, embedding(), "site", "kitchen");
        byte[] bytes = registryBytes(evolvedId, evolved, written);

        assertEquals(embedding(), codec(registry.url()).decode(bytes), "the old reader drops the new field");
        try (AvroKafkaDeserializer<GenericRecord> apicurio = DownstreamReaders.apicurio(registry)) {
            GenericRecord read = apicurio.deserialize(TOPIC, bytes);
            DownstreamReaders.assertSameFields(embedding(), read);
            assertEquals("kitchen", read.get("site").toString());
        }
    }

    @Test
    void aNewFieldWithoutDefaultIsRefusedByTheSubjectsRule() {
        codec(registry.url()).register();

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client(registry.url()).register(SUBJECT, embeddingWith("NewRequiredField.json")));

        assertTrue(refused.getMessage().contains("HTTP 409"), refused.getMessage());
        assertEquals(1, registry.versions(SUBJECT).size());
    }

    @Test
    void theWireBytesAreTheRegistryHeaderAndTheBareBody() {
        Embedding embedding = embedding();
        byte[] bytes = codec(registry.url()).encode(embedding);

        byte[] body = java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
        assertArrayEquals(BareCodec.of(Embedding.class).encode(embedding), body);
    }

    @Test
    void anInputReaderTellsSingleObjectFromRegistryBytesButNeverGuessesBare() {
        Frame frame = frame();
        Optional<SchemaRegistryClient> registered = Optional.of(client(registry.url()));
        byte[] registryBytes = RecordCodecs.of(Frame.class, WireFormat.REGISTRY, registered, "wire.frames")
                .encode(frame);
        byte[] singleObjectBytes = Codecs.FRAME.encode(frame);
        byte[] bareBytes = BareCodec.of(Frame.class).encode(frame);

        for (WireFormat format : List.of(WireFormat.REGISTRY, WireFormat.SINGLE_OBJECT)) {
            RecordCodec<Frame> reader = RecordCodecs.reader(Frame.class, format, registered, "wire.frames");
            assertEquals(frame, reader.decode(registryBytes), format.settingValue());
            assertEquals(frame, reader.decode(singleObjectBytes), format.settingValue());
            assertThrows(UndecodableRecordException.class, () -> reader.decode(bareBytes));
        }
        RecordCodec<Frame> withoutRegistry = RecordCodecs.reader(Frame.class, WireFormat.SINGLE_OBJECT,
                Optional.empty(), "wire.frames");
        var named = assertThrows(UndecodableRecordException.class, () -> withoutRegistry.decode(registryBytes));
        assertTrue(named.getMessage().contains(RegistryConnection.URL), named.getMessage());
        RecordCodec<Frame> bare = RecordCodecs.reader(Frame.class, WireFormat.BARE, registered, "wire.frames");
        assertEquals(frame, bare.decode(bareBytes));
        assertThrows(UndecodableRecordException.class, () -> bare.decode(singleObjectBytes));
    }

    static Embedding embedding() {
        return Embedding.newBuilder()
                .setSourceId("mic-kitchen-01").setStartSeq(40).setEndSeq(43)
                .setTimestamp(Instant.ofEpochMilli(1_764_950_400_123L))
                .setModelVersion(7).setModelStep(1_200)
                .setVector(List.of(0.25f, -1.5f, 3.0e-3f, 0f)).setDimension(4)
                .setPreset("tiny").setTrained(true).setPrototype(2)
                .build();
    }

    private static Frame frame() {
        return Frame.newBuilder()
                .setSourceId("imu-07").setSeq(12).setTimestamp(Instant.ofEpochMilli(1_764_950_400_000L))
                .setSampleRate(100).setChannels(2).setEncoding(SampleEncoding.FLOAT32_LE)
                .setData(ByteBuffer.wrap(new byte[]{0, 0, -128, 63, 0, 0, 0, -64}))
                .build();
    }

    private static RegistryCodec<Embedding> codec(String url) {
        return RegistryCodec.of(Embedding.class, client(url), SUBJECT);
    }

    private static SchemaRegistryClient client(String url) {
        return new SchemaRegistryClient(RegistryConnection.fromConfig(Map.of(RegistryConnection.URL, url)));
    }

    /** The current Embedding schema, whatever fields it has, plus the field a resource of {@code wire/} defines. */
    private static Schema embeddingWith(String fieldResource) {
        try (InputStream in = RegistryWireFormatTest.class.getResourceAsStream("wire/" + fieldResource)) {
            ObjectNode schema = (ObjectNode) JSON.readTree(Embedding.getClassSchema().toString());
            ((ArrayNode) schema.get("fields")).add(JSON.readTree(in));
            return new Schema.Parser().parse(schema.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedding as a record of {@code schema}, every field it shares with the current one copied. */
    private static GenericRecord withField(Schema schema, Embedding embedding, String name, Object value) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : embedding.getSchema().getFields()) {
            Object v = embedding.get(field.pos());
            record.put(field.name(), v instanceof Instant instant ? instant.toEpochMilli() : v);
        }
        record.put(name, value);
        return record;
    }

    /** What a producer on the evolved schema writes, built by hand from the format's definition. */
    private static byte[] registryBytes(int id, Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
