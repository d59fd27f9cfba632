package dev.cpcstream.streams.app;

import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.DeadLetterReason;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import dev.cpcstream.streams.topology.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application on a real in-process broker: topics created, exactly one committed embedding per window after
 * drain, a final checkpoint, and a restart that resumes the model from it; and two instances, a trainer and a
 * follower, serving one model.
 */
class CpcStreamsAppTest {

    private static final List<String> SOURCES = List.of("mic-a", "mic-b", "mic-c");
    private static final int HALF_WINDOW = 320;
    private static final Duration DRAIN = Duration.ofSeconds(90);

    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private AppSettings settings() {
        return settings(Map.of());
    }

    private AppSettings settings(Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", broker.bootstrapServers());
        p.setProperty("state.dir", dir.resolve("state").toString());
        p.setProperty("cpc.preset", "tiny");
        p.setProperty("cpc.topic.partitions", "2");
        p.setProperty("cpc.batch.windows", "2");
        p.setProperty("cpc.checkpoint.dir", dir.resolve("checkpoints").toString());
        p.putAll(overrides);
        return AppSettings.fromProperties(p, Map.of());
    }

    @Test
    void everyWindowGetsOneEmbeddingAndARestartResumesTheModel() throws Exception {
        AppSettings settings = settings();
        TopicNames topics = settings.topicNames();
        long versionAfterFirstRun;
        try (CpcStreamsApp app = new CpcStreamsApp(settings, new SimpleMeterRegistry())) {
            app.start();
            produce(topics.frames(), 0, 8);
            app.drain(DRAIN);

            AppStatus status = app.status();
            assertEquals(3 * 8 + 1, status.framesIn());
            assertEquals(3 * 4, status.windows());
            assertEquals(3 * 4, status.embeddingsOut());
            assertEquals(1, status.dlq());
            assertTrue(status.trainSteps() >= 6, "batches of at most two windows: " + status);
            assertTrue(status.modelVersion() > 0);
            versionAfterFirstRun = status.modelVersion();
        }
        assertTrue(Files.list(dir.resolve("checkpoints")).findAny().isPresent(), "the final checkpoint's file");

        try (CpcStreamsApp app = new CpcStreamsApp(settings, new SimpleMeterRegistry())) {
            app.start();
            assertEquals(versionAfterFirstRun, app.status().modelVersion(), "resumed from the final checkpoint");
            produce(topics.frames(), 8, 10);
            app.drain(DRAIN);
            assertEquals(3, app.status().embeddingsOut(), "only the new windows");
        }

        Map<String, List<String>> windows = new TreeMap<>();
        List<Embedding> embeddings = readCommitted(topics.embeddings()).stream()
                .map(record -> Codecs.EMBEDDING.decode(record.value())).toList();
        for (Embedding e : embeddings) {
            windows.computeIfAbsent(e.getSourceId(), s -> new ArrayList<>()).add(e.getStartSeq() + ".." + e.getEndSeq());
        }
        List<String> expected = List.of("0..1", "2..3", "4..5", "6..7", "8..9");
        assertEquals(Map.of("mic-a", expected, "mic-b", expected, "mic-c", expected), windows);
        assertTrue(embeddings.stream().filter(e -> e.getStartSeq() == 8)
                .allMatch(e -> e.getModelVersion() >= versionAfterFirstRun));

        List<ConsumerRecord<byte[], byte[]>> letters = readCommitted(topics.deadLetters());
        assertEquals(1, letters.size());
        DeadLetter letter = Codecs.DEAD_LETTER.decode(letters.get(0).value());
        assertEquals(DeadLetterReason.UNDECODABLE, letter.getReason());
        assertEquals(topics.frames(), letter.getTopic());
    }

    @Test
    void aTrainerAndAFollowerServeOneModel() throws Exception {
        Map<String, String> shared = Map.of("cpc.topic.prefix", "two.", "cpc.snapshot.every.steps", "1");
        AppSettings trainerSettings = settings(with(shared, "state.dir", dir.resolve("trainer").toString()));
        AppSettings followerSettings = settings(with(with(shared, "state.dir", dir.resolve("follower").toString()),
                "cpc.train.enabled", "false"));
        TopicNames topics = trainerSettings.topicNames();
        List<String> sources = IntStream.range(0, 8).mapToObj(i -> "mic-" + i).toList();
        try (CpcStreamsApp trainer = new CpcStreamsApp(trainerSettings, new SimpleMeterRegistry());
             CpcStreamsApp follower = new CpcStreamsApp(followerSettings, new SimpleMeterRegistry())) {
            trainer.start();
            follower.start();
            produce(topics.frames(), sources, 0, 4);
            trainer.drain(DRAIN);
            follower.drain(DRAIN);
            produce(topics.frames(), sources, 4, 8);
            trainer.drain(DRAIN);
            follower.drain(DRAIN);

            assertTrue(trainer.status().trainSteps() > 0);
            assertEquals(0, follower.status().trainSteps(), "one instance trains");
            assertTrue(follower.status().embeddingsOut() > 0, "the follower embeds a partition of its own");
            assertEquals(8 * 4, trainer.status().embeddingsOut() + follower.status().embeddingsOut());
        }

        List<ConsumerRecord<byte[], byte[]>> records = readCommitted(topics.embeddings());
        Map<String, List<String>> windows = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Embedding e = Codecs.EMBEDDING.decode(record.value());
            windows.computeIfAbsent(e.getSourceId(), s -> new ArrayList<>()).add(e.getStartSeq() + ".." + e.getEndSeq());
        }
        List<String> expected = List.of("0..1", "2..3", "4..5", "6..7");
        assertEquals(sources.stream().collect(Collectors.toMap(s -> s, s -> expected)), windows,
                "exactly one embedding per window");
        Set<Long> published = readCommitted(topics.model()).stream()
                .map(record -> Codecs.MODEL_SNAPSHOT.decode(record.value()).getModelVersion())
                .collect(Collectors.toSet());
        Map<Integer, List<Embedding>> byPartition = new TreeMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                .add(Codecs.EMBEDDING.decode(record.value())));
        for (List<Embedding> partition : byPartition.values()) {
            List<Long> versions = partition.stream().map(Embedding::getModelVersion).toList();
            assertEquals(versions.stream().sorted().toList(), versions, "versions never go back on an instance");
        }
        List<Embedding> followed = records.stream().map(record -> Codecs.EMBEDDING.decode(record.value()))
                .filter(e -> !e.getTrained()).toList();
        assertTrue(followed.stream().allMatch(e -> published.contains(e.getModelVersion())),
                "the follower embeds with published weights only");
        assertTrue(followed.stream().anyMatch(e -> e.getModelVersion() > 0), "and follows the training");
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new TreeMap<>(settings);
        more.put(key, value);
        return more;
    }

    /** Frames {@code fromSeq} (inclusive) to {@code toSeq} (exclusive) of every source; one garbage record first. */
    private void produce(String topic, long fromSeq, long toSeq) throws Exception {
        produce(topic, SOURCES, fromSeq, toSeq);
    }

    private void produce(String topic, List<String> sources, long fromSeq, long toSeq) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            if (fromSeq == 0) {
                producer.send(new ProducerRecord<>(topic, bytes("mic-a"), new byte[]{42})).get();
            }
            for (long seq = fromSeq; seq < toSeq; seq++) {
                for (String source : sources) {
                    producer.send(new ProducerRecord<>(topic, bytes(source), Codecs.FRAME.encode(frame(source, seq))));
                }
            }
            producer.flush();
        }
    }

    private static Frame frame(String source, long seq) {
        ByteBuffer data = ByteBuffer.allocate(HALF_WINDOW * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < HALF_WINDOW; i++) {
            data.putFloat((float) Math.sin(0.05 * (seq * HALF_WINDOW + i) * (1 + source.hashCode() % 3)));
        }
        return Frame.newBuilder().setSourceId(source).setSeq(seq).setTimestamp(Instant.now()).setSampleRate(16000)
                .setChannels(1).setEncoding(SampleEncoding.FLOAT32_LE).setData(data.flip()).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
