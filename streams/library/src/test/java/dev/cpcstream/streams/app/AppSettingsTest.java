package dev.cpcstream.streams.app;

import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.NoveltyTerm;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.schemas.WireFormat;
import dev.cpcstream.streams.topology.GapPolicy;
import dev.cpcstream.streams.topology.StreamSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppSettingsTest {

    private static Properties file(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** A broker's default {@code socket.request.max.bytes}: a larger checkpoint needs every broker reconfigured. */
    private static final long STOCK_BROKER_REQUEST_BYTES = 100L << 20;

    /** The start refuses a bound the checkpoint could outgrow, so the defaults must pass its check. */
    @Test
    void theDefaultPresetsCheckpointWithTheDefaultSourceLimitFitsTheDefaultBound() {
        AppSettings s = AppSettings.fromProperties(new Properties(), Map.of());
        try (OnlineLearner learner = new OnlineLearner(s.modelConfig(), s.stream().sources())) {
            int modelBytes = Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.of())).length;
            assertDoesNotThrow(() -> s.requireCheckpointFits(s.modelConfig(), modelBytes));
        }
        assertTrue(s.checkpointMaxBytes() < STOCK_BROKER_REQUEST_BYTES, "the default bound " + s.checkpointMaxBytes()
                + " needs brokers configured beyond their default request size");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AppSettings s = AppSettings.fromProperties(new Properties(), Map.of());

        assertEquals("mel", s.preset());
        assertEquals("cpc.frames", s.topicNames().frames());
        assertEquals(StreamSettings.defaults(), s.stream());
        assertEquals(-1, s.metricsPort());
        assertEquals(OutputSettings.defaults(), s.output());
        Properties streams = s.streamsProperties();
        assertEquals("exactly_once_v2", streams.getProperty("processing.guarantee"));
        assertEquals("2", streams.getProperty("num.stream.threads"));
        assertEquals("cpcstream-cpc", streams.getProperty("application.id"));
        assertEquals("localhost:9092", streams.getProperty("bootstrap.servers"));
        assertEquals("10000", streams.getProperty("session.timeout.ms"));
        assertEquals("50", streams.getProperty("commit.interval.ms"));
    }

    @Test
    void cpcKeysAreParsedAndKafkaKeysPassThrough() {
        AppSettings s = AppSettings.fromProperties(file(
                "cpc.preset", "tiny", "cpc.model.negatives", "8", "cpc.topic.prefix", "lab.", "cpc.topic.partitions",
                "6", "cpc.batch.windows", "16", "cpc.train.every", "3", "cpc.train.enabled", "false",
                "cpc.train.fraction", "0.25", "cpc.train.max.lag.seconds", "12.5", "cpc.train.own.thread", "false",
                "cpc.checkpoint.every.steps", "50", "cpc.checkpoint.every.seconds", "0.5", "cpc.checkpoint.dir",
                "/var/lib/cpc", "cpc.snapshot.every.steps", "4", "cpc.snapshot.every.seconds", "2",
                "cpc.gap.policy", "restart", "cpc.reorder.buffer", "0", "cpc.frame.encoding", "float32_le",
                "cpc.metrics.port", "0", "bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL",
                "cpc.novelty.enabled", "false", "cpc.novelty.score", "loss", "cpc.novelty.quantile", "0.95",
                "cpc.novelty.threshold", "0.5", "cpc.novelty.warmup.windows", "8", "cpc.novelty.memory.windows", "16",
                "cpc.sources.idle.seconds", "90", "cpc.sources.max", "500",
                "sasl.jaas.config", "secret stuff", "num.stream.threads", "3"), Map.of());

        assertEquals(8, s.modelConfig().negatives());
        assertEquals("lab.embeddings", s.topicNames().embeddings());
        assertEquals(6, s.topicPartitions());
        assertEquals(new StreamSettings(16, 3, false, 0.25, Duration.ofMillis(12_500), false, Duration.ofMillis(20), 0,
                GapPolicy.RESTART, Optional.of(SampleEncoding.FLOAT32_LE), 50, Duration.ofMillis(500),
                Optional.of(Path.of("/var/lib/cpc")), 3, 4, Duration.ofSeconds(2),
                new NoveltySettings(false, NoveltyTerm.LOSS, 0.95, OptionalDouble.of(0.5), 8, 16),
                new SourceLimits(Duration.ofSeconds(90), 500)), s.stream());
        assertEquals(0, s.metricsPort());
        Properties streams = s.streamsProperties();
        assertEquals("kafka:9093", streams.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", streams.getProperty("security.protocol"));
        assertEquals("3", streams.getProperty("num.stream.threads"), "the user's value wins over the default");
        assertEquals("SASL_SSL", s.adminProperties().get("security.protocol"));
        assertFalse(s.adminProperties().containsKey("num.stream.threads"), "not an admin client setting");
        assertEquals("[hidden]", s.describe().get("sasl.jaas.config"));
        assertEquals("8", s.describe().get("cpc.model.negatives"));
        assertEquals("90.0", s.describe().get("cpc.sources.idle.seconds"));
        assertEquals("500", s.describe().get("cpc.sources.max"));
    }

    @Test
    void outputSettingsAreParsedAndTheRegistryFormatNeedsItsUrl() {
        AppSettings s = AppSettings.fromProperties(file("cpc.serde.format", "registry",
                "schema.registry.url", "http://registry:8080/apis/ccompat/v7", "cpc.output.json.topic", "points",
                "cpc.output.json.collection", "audio"), Map.of("CPC_SERDE_FORMAT", "bare"));

        assertEquals(new OutputSettings(WireFormat.BARE, Optional.of("points"), "audio"), s.output());
        assertEquals("bare", s.describe().get("cpc.serde.format"));
        var noUrl = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.serde.format", "registry"), Map.of()));
        assertTrue(noUrl.getMessage().contains("schema.registry.url"), noUrl.getMessage());
        var badFormat = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.serde.format", "json"), Map.of()));
        assertTrue(badFormat.getMessage().contains("cpc.serde.format"), badFormat.getMessage());
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        AppSettings s = AppSettings.fromProperties(
                file("cpc.preset", "small", "cpc.model.learningRate", "0.1", "bootstrap.servers", "a:1"),
                Map.of("CPC_PRESET", "tiny", "CPC_MODEL_LEARNINGRATE", "0.003", "CPC_BATCH_WINDOWS", "2",
                        "KAFKA_BOOTSTRAP_SERVERS", "b:2", "KAFKA_PRODUCER_LINGER_MS", "5",
                        "KAFKA_HOME", "/opt/kafka", "CPC_JAVA_OPTS", "-Xmx1g"));

        assertEquals("tiny", s.preset());
        assertEquals(0.003, s.modelConfig().learningRate());
        assertEquals(2, s.stream().batchWindows());
        assertEquals("b:2", s.kafka().get("bootstrap.servers"));
        assertEquals("5", s.kafka().get("producer.linger.ms"));
        assertFalse(s.kafka().containsKey("home"), "KAFKA_HOME is no Kafka setting");
    }

    @Test
    void mistakesAreReportedWithTheKey() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.batch.window", "4"), Map.of()));
        assertTrue(unknown.getMessage().contains("cpc.batch.window"), unknown.getMessage());

        var notANumber = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.reorder.buffer", "many"), Map.of()));
        assertTrue(notANumber.getMessage().contains("cpc.reorder.buffer"), notANumber.getMessage());

        var policy = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.gap.policy", "ignore"), Map.of()));
        assertTrue(policy.getMessage().contains("zero-fill"), policy.getMessage());

        var model = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.model.nonsense", "1"), Map.of()));
        assertTrue(model.getMessage().contains("cpc.model.nonsense"), model.getMessage());
    }

    @Test
    void mathThreadsShareTheCoresAmongStreamThreadsUnlessSet() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, cores / AppSettings.DEFAULT_STREAM_THREADS),
                AppSettings.fromProperties(file(), Map.of()).effectiveMathThreads());
        assertEquals(cores, AppSettings.fromProperties(file("num.stream.threads", "1", "cpc.math.threads", "auto"),
                Map.of()).effectiveMathThreads());
        assertEquals(Math.max(1, cores / 64), AppSettings.fromProperties(file("num.stream.threads", "64"), Map.of())
                .effectiveMathThreads(), "at least one");
        AppSettings three = AppSettings.fromProperties(file("cpc.math.threads", "3"), Map.of());
        assertEquals(3, three.effectiveMathThreads());
        assertEquals("3", three.describe().get("cpc.math.threads"));

        var none = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.math.threads", "0"), Map.of()));
        assertTrue(none.getMessage().contains("cpc.math.threads") && none.getMessage().contains("auto"),
                none.getMessage());
    }

    @Test
    void threadReplacementsDefaultToThreeAndZeroStopsOnTheFirstFailure() {
        assertEquals(3, AppSettings.fromProperties(file(), Map.of()).threadReplacements());
        AppSettings none = AppSettings.fromProperties(file("cpc.thread.replacements", "0"), Map.of());
        assertEquals(0, none.threadReplacements());
        assertEquals("0", none.describe().get("cpc.thread.replacements"));

        var negative = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.fromProperties(file("cpc.thread.replacements", "-1"), Map.of()));
        assertTrue(negative.getMessage().contains("cpc.thread.replacements"), negative.getMessage());
    }
}
