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
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application on a real in-process broker: topics created, exactly one committed embedding per window after
 * drain, a final checkpoint, and a restart that resumes the model from it; two instances of one config, of which
 * Kafka Streams makes exactly one the trainer, serving one model; and the trainer task moving when its instance
 * leaves.
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
    void twoInstancesWithOneConfigHaveOneTrainerAndServeOneModel() throws Exception {
        Map<String, String> shared = Map.of("cpc.topic.prefix", "two.", "cpc.snapshot.every.steps", "1");
        TopicNames topics = settings(shared).topicNames();
        List<String> sources = IntStream.range(0, 8).mapToObj(i -> "mic-" + i).toList();
        try (CpcStreamsApp first = new CpcStreamsApp(instance(shared, "first"), new SimpleMeterRegistry());
             CpcStreamsApp second = new CpcStreamsApp(instance(shared, "second"), new SimpleMeterRegistry())) {
            first.start();
            second.start();
            produce(topics.frames(), sources, 0, 4);
            drain(first, second);
            produce(topics.frames(), sources, 4, 8);
            drain(first, second);

            assertTrue(first.hostsTrainer() ^ second.hostsTrainer(), "exactly one instance hosts the trainer task");
            CpcStreamsApp trainer = first.hostsTrainer() ? first : second;
            CpcStreamsApp embedder = first.hostsTrainer() ? second : first;
            assertTrue(trainer.status().trainSteps() > 0);
            assertEquals(0, embedder.status().trainSteps(), "one instance trains");
            assertTrue(embedder.status().embeddingsOut() > 0, "both embed a partition of their own");
            assertTrue(trainer.status().embeddingsOut() > 0, "both embed a partition of their own");
            assertEquals(8 * 4, trainer.status().embeddingsOut() + embedder.status().embeddingsOut());
        }

        assertOneEmbeddingPerWindow(topics, sources, List.of("0..1", "2..3", "4..5", "6..7"));
        List<Long> published = readCommitted(topics.model()).stream()
                .map(record -> Codecs.MODEL_SNAPSHOT.decode(record.value()).getModelVersion()).toList();
        // A trainer task that starts (or moves while its instance joins) publishes the weights it holds at once, so
        // a version can repeat; it never goes back.
        assertEquals(published.stream().sorted().toList(), published, "one model version sequence: " + published);
        List<ConsumerRecord<byte[], byte[]>> records = readCommitted(topics.embeddings());
        Map<Integer, List<Embedding>> byPartition = new TreeMap<>();
        records.forEach(record -> byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                .add(Codecs.EMBEDDING.decode(record.value())));
        for (List<Embedding> partition : byPartition.values()) {
            List<Long> versions = partition.stream().map(Embedding::getModelVersion).toList();
            assertEquals(versions.stream().sorted().toList(), versions, "versions never go back on an instance");
            assertTrue(versions.stream().allMatch(v -> v == 0 || published.contains(v)),
                    "embedded with the initial or published weights only: " + versions);
        }
        assertTrue(byPartition.values().stream().allMatch(p -> p.get(p.size() - 1).getModelVersion() > 0),
                "every instance follows the training");
    }

    @Test
    void whenTheTrainersInstanceLeavesTheOtherTakesTheTrainerTaskAndContinuesFromTheCheckpoint() throws Exception {
        Map<String, String> shared = Map.of("cpc.topic.prefix", "failover.");
        TopicNames topics = settings(shared).topicNames();
        List<String> sources = IntStream.range(0, 8).mapToObj(i -> "mic-" + i).toList();
        CpcStreamsApp first = new CpcStreamsApp(instance(shared, "first"), new SimpleMeterRegistry());
        CpcStreamsApp second = new CpcStreamsApp(instance(shared, "second"), new SimpleMeterRegistry());
        try {
            first.start();
            second.start();
            produce(topics.frames(), sources, 0, 4);
            drain(first, second);
            CpcStreamsApp trainer = first.hostsTrainer() ? first : second;
            CpcStreamsApp survivor = first.hostsTrainer() ? second : first;
            trainer.close();
            List<Long> before = checkpointSteps(topics);

            produce(topics.frames(), sources, 4, 8);
            survivor.drain(DRAIN);

            assertTrue(survivor.hostsTrainer(), "the trainer task moved to the survivor");
            assertTrue(survivor.status().trainSteps() > 0);
            List<Long> after = checkpointSteps(topics);
            assertTrue(after.size() > before.size(), "the survivor checkpoints: " + after);
            assertEquals(after.stream().sorted().toList(), after, "the step continues, never reset: " + after);
            assertTrue(after.get(after.size() - 1) > before.get(before.size() - 1));
        } finally {
            first.close();
            second.close();
        }
        assertOneEmbeddingPerWindow(topics, sources, List.of("0..1", "2..3", "4..5", "6..7"));
    }

    private AppSettings instance(Map<String, String> shared, String name) {
        return settings(with(with(shared, "state.dir", dir.resolve(name).toString()), "cpc.checkpoint.dir",
                dir.resolve(name + "-checkpoints").toString()));
    }

    /** Both drained, the trainer's host last, so its final checkpoint covers every training window. */
    private static void drain(CpcStreamsApp first, CpcStreamsApp second) {
        CpcStreamsApp trainer = first.hostsTrainer() ? first : second;
        (trainer == first ? second : first).drain(DRAIN);
        trainer.drain(DRAIN);
    }

    private static List<Long> checkpointSteps(TopicNames topics) {
        return readCommitted(topics.checkpoints()).stream()
                .map(record -> Codecs.MODEL_CHECKPOINT.decode(record.value()).getStep()).toList();
    }

    private static void assertOneEmbeddingPerWindow(TopicNames topics, List<String> sources, List<String> expected) {
        Map<String, List<String>> windows = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topics.embeddings())) {
            Embedding e = Codecs.EMBEDDING.decode(record.value());
            windows.computeIfAbsent(e.getSourceId(), s -> new ArrayList<>()).add(e.getStartSeq() + ".." + e.getEndSeq());
        }
        assertEquals(sources.stream().collect(Collectors.toMap(s -> s, s -> expected)), windows,
                "exactly one embedding per window");
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
