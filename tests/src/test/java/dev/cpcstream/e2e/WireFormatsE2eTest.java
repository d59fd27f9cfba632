package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.RecordCodec;
import dev.cpcstream.schemas.RecordCodecs;
import dev.cpcstream.schemas.RegistryConnection;
import dev.cpcstream.schemas.SchemaRegistryClient;
import dev.cpcstream.schemas.SchemaRegistryException;
import dev.cpcstream.schemas.WireFormat;
import dev.cpcstream.streams.app.AppSettings;
import dev.cpcstream.streams.app.CpcStreamsApp;
import dev.cpcstream.streams.topology.JsonMirror;
import dev.cpcstream.streams.topology.TopicNames;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each wire format through the real broker: frames produced in it, the application run with it, every window's
 * embedding read back in it, and the JSON mirror holding the same windows. In the framed formats the first half
 * of the frames is single-object encoded, as from producers not yet moved to the registry, and read all the same. The registry format is also read by
 * Apicurio's deserializer from a plain consumer, as a downstream user would.
 */
@ExtendWith(SharedBroker.class)
class WireFormatsE2eTest {

    private static final int SOURCES = 3;
    private static final int WINDOWS_PER_SOURCE = 40;
    /** Tiny windows are 4 frames. */
    private static final long FRAMES_PER_SOURCE = WINDOWS_PER_SOURCE * 4;
    private static final Duration DRAIN = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfluentSubsetRegistry registry;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = ConfluentSubsetRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void everyWindowRoundTripsInTheFormatAndInTheJsonMirror(WireFormat format, @TempDir Path stateDir)
            throws Exception {
        String name = "wire-" + format.settingValue();
        String jsonTopic = name + ".points";
        Deployment deployment = new Deployment(name, stateDir, Map.of(
                AppSettings.SERDE_FORMAT, format.settingValue(),
                RegistryConnection.URL, registry.url(),
                AppSettings.OUTPUT_JSON_TOPIC, jsonTopic));
        TopicNames topics = deployment.topics();
        CpcConfig model = deployment.model();
        SyntheticFeed feed = new SyntheticFeed(model, SOURCES);
        Optional<SchemaRegistryClient> client = Optional.of(new SchemaRegistryClient(
                RegistryConnection.fromConfig(Map.of(RegistryConnection.URL, registry.url()))));
        RecordCodec<Frame> frames = RecordCodecs.of(Frame.class, format, client, topics.frames());
        RecordCodec<Frame> firstFrames = format == WireFormat.BARE ? frames : Codecs.FRAME;
        RecordCodec<Embedding> embeddings = RecordCodecs.of(Embedding.class, format, client, topics.embeddings());

        Map<String, Long> sent = new HashMap<>();
        try (CpcStreamsApp app = deployment.start()) {
            feed.send(deployment, FRAMES_PER_SOURCE / 2, firstFrames).forEach((s, n) -> sent.merge(s, n, Long::sum));
            feed.send(deployment, FRAMES_PER_SOURCE / 2, frames).forEach((s, n) -> sent.merge(s, n, Long::sum));
            app.drain(DRAIN);
        }

        List<Embedding> read = TopicReader.readAll(topics.embeddings(), embeddings, DRAIN);
        WindowKeys.assertEachExactlyOnce(WindowKeys.expected(sent, feed.stepsPerFrame(), model), read);
        assertEquals(List.of(), TopicReader.readRaw(topics.deadLetters(), DRAIN), "dead letters");
        assertMirrored(read, TopicReader.readRaw(jsonTopic, DRAIN));
        if (format == WireFormat.REGISTRY) {
            assertApicurioReads(read, TopicReader.readRaw(topics.embeddings(), DRAIN));
        }
    }

    @Test
    void anUnreachableRegistryStopsTheStartWithItsAnswer(@TempDir Path stateDir) {
        String nobody = "http://127.0.0.1:9";
        Deployment deployment = new Deployment("wire-unreachable", stateDir, Map.of(
                AppSettings.SERDE_FORMAT, WireFormat.REGISTRY.settingValue(), RegistryConnection.URL, nobody));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, deployment::start);
        assertTrue(e.getMessage().contains(nobody) && e.getMessage().contains("did not answer"), e.getMessage());
    }

    /** One JSON point per embedding, under the window's id, with its vector and fields. */
    private static void assertMirrored(List<Embedding> embeddings, List<ConsumerRecord<byte[], byte[]>> json)
            throws IOException {
        Map<String, JsonNode> points = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : json) {
            JsonNode point = JSON.readTree(record.value());
            points.put(point.path("id").asText(), point);
        }
        assertEquals(embeddings.size(), json.size(), "JSON points");
        assertEquals(embeddings.size(), points.size(), "distinct point ids");
        for (Embedding embedding : embeddings) {
            JsonNode point = points.get(JsonMirror.pointId(embedding.getSourceId(), embedding.getStartSeq(),
                    embedding.getEndSeq()).toString());
            assertEquals(embedding.getVector(), JSON.convertValue(point.path("vector"),
                    JSON.getTypeFactory().constructCollectionType(List.class, Float.class)), WindowKeys.of(embedding));
            assertEquals(embedding.getSourceId(), point.path("payload").path("sourceId").asText());
            assertEquals(embedding.getModelVersion(), point.path("payload").path("modelVersion").asLong());
        }
    }

    /** Apicurio's deserializer decodes every record of the embeddings topic to the embedding cpcstream decoded. */
    private static void assertApicurioReads(List<Embedding> embeddings,
                                            List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Embedding> byWindow = embeddings.stream()
                .collect(Collectors.toMap(WindowKeys::of, Function.identity()));
        try (AvroKafkaDeserializer<GenericRecord> apicurio = DownstreamReaders.apicurio(registry)) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                GenericRecord read = apicurio.deserialize(record.topic(), record.headers(), record.value());
                String window = read.get("sourceId") + ":" + read.get("startSeq") + "-" + read.get("endSeq");
                DownstreamReaders.assertSameFields(byWindow.get(window), read);
            }
        }
        assertEquals(embeddings.size(), records.size());
    }
}
