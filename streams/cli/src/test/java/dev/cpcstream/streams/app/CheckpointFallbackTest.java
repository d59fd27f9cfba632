package dev.cpcstream.streams.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.Presets;
import dev.cpcstream.monitoring.CheckpointRejection;
import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.monitoring.MetricNames;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.streams.broker.EmbeddedBroker;
import dev.cpcstream.streams.topology.CheckpointDirectory;
import dev.cpcstream.streams.topology.LearnerOwner;
import dev.cpcstream.streams.topology.StreamSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restore from a real broker's checkpoint topic and a real checkpoint directory when the newest stored checkpoints
 * are damaged: cut short (they no longer decode), or decoding but with weights that are not finite or a tensor of
 * the wrong size. Restore takes the newest good one before them, says so in one WARN line per damaged checkpoint,
 * and counts each by reason, once however often it restores.
 */
class CheckpointFallbackTest {

    private static final CpcConfig TINY = Presets.get("tiny");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static EmbeddedBroker broker;
    private static ModelCheckpoint fresh;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CpcMetrics metrics = new CpcMetrics(registry);
    private final RejectedCheckpoints rejected = new RejectedCheckpoints(metrics);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(EmbeddedBroker.FREE_PORT);
        try (OnlineLearner learner = new OnlineLearner(TINY)) {
            fresh = learner.checkpoint(Map.of());
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger(RejectedCheckpoints.class)).addAppender(warnings);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(RejectedCheckpoints.class)).detachAppender(warnings);
        metrics.close();
    }

    @Test
    void damagedNewestCheckpointsOnTheTopicArePassedOverForTheNewestGoodOne() throws Exception {
        String topic = newTopic();
        append(topic, encoded(1), encoded(2), cutShort(encoded(3)), encoded(withNaNWeights(4)),
                encoded(withShortWeights(5)));
        assertEquals(0, rejections(CheckpointRejection.UNDECODABLE) + rejections(CheckpointRejection.INVALID),
                "exported at 0 before any restore");

        try (CheckpointTopic checkpoints = new CheckpointTopic(consumerProperties(), topic);
             LearnerOwner owner = restore(checkpoints, Optional.empty())) {
            assertEquals(2, owner.progress().modelVersion(), "the newest good checkpoint");
        }
        assertEquals(1, rejections(CheckpointRejection.UNDECODABLE));
        assertEquals(2, rejections(CheckpointRejection.INVALID));
        List<String> lines = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(3, lines.size(), "one line per damaged checkpoint: " + lines);
        assertTrue(warnings.list.stream().allMatch(event -> event.getLevel() == Level.WARN), lines.toString());
        assertTrue(lines.get(0).contains("at offset 4") && lines.get(0).contains("parameters holds"), lines.get(0));
        assertTrue(lines.get(1).contains("at offset 3") && lines.get(1).contains("not finite"), lines.get(1));
        assertTrue(lines.get(2).contains("at offset 2") && lines.get(2).contains("undecodable"), lines.get(2));

        try (CheckpointTopic checkpoints = new CheckpointTopic(consumerProperties(), topic);
             LearnerOwner again = restore(checkpoints, Optional.empty())) {
            assertEquals(2, again.progress().modelVersion());
        }
        assertEquals(3, warnings.list.size(), "the trainer's restore in the same instance repeats no line");
        assertEquals(3, rejections(CheckpointRejection.UNDECODABLE) + rejections(CheckpointRejection.INVALID));
    }

    @Test
    void aTruncatedNewestFileIsPassedOverForTheFileBeforeIt() throws Exception {
        Path files = dir.resolve("checkpoints");
        CheckpointDirectory directory = new CheckpointDirectory(files, 3);
        directory.write(1, encoded(1));
        directory.write(2, encoded(2));
        directory.write(3, cutShort(encoded(3)));
        try (CheckpointTopic empty = new CheckpointTopic(consumerProperties(), newTopic());
             LearnerOwner owner = restore(empty, Optional.of(files))) {
            assertEquals(2, owner.progress().modelVersion());
        }
        assertEquals(1, rejections(CheckpointRejection.UNDECODABLE));
        assertEquals(1, warnings.list.size());
        assertTrue(warnings.list.get(0).getFormattedMessage().contains("checkpoint-00000000000000000003.avro"),
                warnings.list.get(0).getFormattedMessage());
    }

    @Test
    void whenEveryStoredCheckpointIsDamagedRestoreFailsRatherThanStartAFreshModelOverThem() throws Exception {
        String topic = newTopic();
        append(topic, cutShort(encoded(1)), encoded(withNaNWeights(2)));
        try (CheckpointTopic checkpoints = new CheckpointTopic(consumerProperties(), topic)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> restore(checkpoints, Optional.empty()));
            assertTrue(refused.getMessage().contains("none of the 2 stored checkpoints can be restored"),
                    refused.getMessage());
        }
        assertEquals(2, warnings.list.size());
    }

    private LearnerOwner restore(CheckpointTopic topic, Optional<Path> checkpointDir) {
        StreamSettings settings = StreamSettings.defaults().withCheckpoints(100, Duration.ofMinutes(1), checkpointDir,
                3);
        return CheckpointRestorer.restore(TINY, settings, topic, Instant.now().plus(TIMEOUT), true, rejected);
    }

    private double rejections(CheckpointRejection reason) {
        return registry.get(MetricNames.CHECKPOINTS_REJECTED).tag(MetricNames.TAG_REASON, reason.name()).counter()
                .count();
    }

    private static ModelCheckpoint version(long modelVersion) {
        return ModelCheckpoint.newBuilder(fresh).setModelVersion(modelVersion).setStep(10 * modelVersion).build();
    }

    private static byte[] encoded(long modelVersion) {
        return encoded(version(modelVersion));
    }

    private static byte[] encoded(ModelCheckpoint checkpoint) {
        return Codecs.MODEL_CHECKPOINT.encode(checkpoint);
    }

    private static byte[] cutShort(byte[] encoded) {
        return Arrays.copyOf(encoded, encoded.length * 2 / 3);
    }

    private static ModelCheckpoint withNaNWeights(long modelVersion) {
        ByteBuffer weights = copy(fresh.getParameters());
        weights.putFloat(0, Float.NaN);
        return ModelCheckpoint.newBuilder(version(modelVersion)).setParameters(weights).build();
    }

    private static ModelCheckpoint withShortWeights(long modelVersion) {
        ByteBuffer weights = copy(fresh.getParameters());
        weights.limit(weights.limit() - Float.BYTES);
        return ModelCheckpoint.newBuilder(version(modelVersion)).setParameters(weights.slice()).build();
    }

    private static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes.duplicate()).flip();
        return copy;
    }

    private static String newTopic() throws Exception {
        String topic = "checkpoints-" + TOPICS.incrementAndGet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static void append(String topic, byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, "model".getBytes(), value)).get();
            }
        }
    }

    private static Map<String, Object> consumerProperties() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }
}
