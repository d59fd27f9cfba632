package dev.cpcstream.streams.app;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Presets;
import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.NoveltyTerm;
import dev.cpcstream.schemas.RegistryConnection;
import dev.cpcstream.schemas.SampleEncoding;
import dev.cpcstream.schemas.WireFormat;
import dev.cpcstream.streams.topology.CpcNames;
import dev.cpcstream.streams.topology.GapPolicy;
import dev.cpcstream.streams.topology.StreamSettings;
import dev.cpcstream.streams.topology.TopicNames;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything a cpcstream application is configured with, from one flat key space: keys starting with
 * {@code cpc.} are cpcstream's (below), every other key is Kafka's and passes through untouched to the streams
 * client, its producer and consumers (bootstrap.servers, security.protocol, sasl.*, state.dir, ...).
 * Environment variables override the file: {@code CPC_A_B} sets {@code cpc.a.b} ({@code CPC_MODEL_LEARNINGRATE}
 * sets {@code cpc.model.learningRate}, matched ignoring case), {@code KAFKA_A_B} sets Kafka's {@code a.b} when
 * that is a Kafka client or streams setting (so KAFKA_HOME and the like are not taken for one).
 *
 * @param preset             model preset ({@code cpc.preset}, default {@value #DEFAULT_PRESET})
 * @param modelOverrides     CpcConfig keys over the preset ({@code cpc.model.<key>}, e.g. cpc.model.negatives=64)
 * @param topicPrefix        prefix of the four topics ({@code cpc.topic.prefix}, default {@code cpc.})
 * @param topicPartitions    partitions of frames, embeddings and dead letters when created
 *                           ({@code cpc.topic.partitions}, default {@value #DEFAULT_PARTITIONS})
 * @param topicReplication   replication of every topic created, changelogs included ({@code cpc.topic.replication},
 *                           default 1)
 * @param stream             batching, sequencing and checkpoint settings (cpc.batch.*, cpc.train.*, cpc.reorder.buffer,
 *                           cpc.gap.policy, cpc.frame.encoding, cpc.checkpoint.*, cpc.snapshot.*); defaults {@link StreamSettings#defaults()}
 *                           (novelty: cpc.novelty.*, {@link NoveltySettings#defaults()}; how long, and how many,
 *                           sources' per-source state is kept: cpc.sources.*, {@link SourceLimits#defaults()})
 * @param checkpointMaxBytes largest checkpoint record the topic and the producer accept
 *                           ({@code cpc.checkpoint.max.bytes}, default 96 MiB)
 * @param metricsAddress     address of /metrics and /health ({@code cpc.metrics.address}, default 127.0.0.1)
 * @param metricsPort        their port ({@code cpc.metrics.port}): -1 off (default), 0 any free port
 * @param mathThreads        threads one model op may use ({@code cpc.math.threads}); 0, {@code auto} in the file
 *                           (default), shares the cores among the stream threads, see {@link #effectiveMathThreads()}
 * @param threadReplacements a stream thread failed by a broker's error is replaced this many times within ten
 *                           minutes before one more failure stops the application ({@code cpc.thread.replacements},
 *                           default 3; 0 stops on the first); see {@link StreamThreadFailures}
 * @param output             wire format and JSON mirror (cpc.serde.format, cpc.output.json.*); defaults
 *                           {@link OutputSettings#defaults()}; the registry format reads {@code schema.registry.url}
 *                           and its auth settings from the Kafka keys ({@link RegistryConnection})
 * @param kafka              the Kafka keys, as given
 */
public record AppSettings(String preset, Map<String, String> modelOverrides, String topicPrefix, int topicPartitions,
                          short topicReplication, StreamSettings stream, long checkpointMaxBytes,
                          String metricsAddress, int metricsPort, int mathThreads, int threadReplacements,
                          OutputSettings output, Map<String, String> kafka) {

    public static final String PREFIX = "cpc.";
    public static final String PRESET = "cpc.preset";
    public static final String MODEL_PREFIX = "cpc.model.";
    public static final String TOPIC_PREFIX = "cpc.topic.prefix";
    public static final String TOPIC_PARTITIONS = "cpc.topic.partitions";
    public static final String TOPIC_REPLICATION = "cpc.topic.replication";
    public static final String BATCH_WINDOWS = "cpc.batch.windows";
    public static final String BATCH_FLUSH_MS = "cpc.batch.flush.ms";
    public static final String TRAIN_EVERY = "cpc.train.every";
    public static final String TRAIN_ENABLED = "cpc.train.enabled";
    public static final String TRAIN_FRACTION = "cpc.train.fraction";
    public static final String TRAIN_MAX_LAG_SECONDS = "cpc.train.max.lag.seconds";
    public static final String TRAIN_OWN_THREAD = "cpc.train.own.thread";
    public static final String CHECKPOINT_EVERY_STEPS = "cpc.checkpoint.every.steps";
    public static final String CHECKPOINT_EVERY_SECONDS = "cpc.checkpoint.every.seconds";
    public static final String CHECKPOINT_DIR = "cpc.checkpoint.dir";
    public static final String CHECKPOINT_KEEP = "cpc.checkpoint.keep";
    public static final String CHECKPOINT_MAX_BYTES = "cpc.checkpoint.max.bytes";
    public static final String SNAPSHOT_EVERY_STEPS = "cpc.snapshot.every.steps";
    public static final String SNAPSHOT_EVERY_SECONDS = "cpc.snapshot.every.seconds";
    public static final String GAP_POLICY = "cpc.gap.policy";
    public static final String REORDER_BUFFER = "cpc.reorder.buffer";
    public static final String FRAME_ENCODING = "cpc.frame.encoding";
    public static final String METRICS_ADDRESS = "cpc.metrics.address";
    public static final String METRICS_PORT = "cpc.metrics.port";
    public static final String MATH_THREADS = "cpc.math.threads";
    public static final String THREAD_REPLACEMENTS = "cpc.thread.replacements";
    public static final String SERDE_FORMAT = "cpc.serde.format";
    public static final String OUTPUT_JSON_TOPIC = "cpc.output.json.topic";
    public static final String OUTPUT_JSON_COLLECTION = "cpc.output.json.collection";
    public static final String NOVELTY_ENABLED = "cpc.novelty.enabled";
    public static final String NOVELTY_SCORE = "cpc.novelty.score";
    public static final String NOVELTY_QUANTILE = "cpc.novelty.quantile";
    public static final String NOVELTY_THRESHOLD = "cpc.novelty.threshold";
    public static final String NOVELTY_WARMUP_WINDOWS = "cpc.novelty.warmup.windows";
    public static final String NOVELTY_MEMORY_WINDOWS = "cpc.novelty.memory.windows";
    public static final String SOURCES_IDLE_SECONDS = "cpc.sources.idle.seconds";
    public static final String SOURCES_MAX = "cpc.sources.max";

    /** Every cpcstream key but the open-ended {@code cpc.model.*}. */
    public static final List<String> KEYS = List.of(PRESET, TOPIC_PREFIX, TOPIC_PARTITIONS, TOPIC_REPLICATION,
            BATCH_WINDOWS, BATCH_FLUSH_MS, TRAIN_EVERY, TRAIN_ENABLED, TRAIN_FRACTION, TRAIN_MAX_LAG_SECONDS,
            TRAIN_OWN_THREAD, CHECKPOINT_EVERY_STEPS, CHECKPOINT_EVERY_SECONDS, CHECKPOINT_DIR, CHECKPOINT_KEEP,
            CHECKPOINT_MAX_BYTES, SNAPSHOT_EVERY_STEPS, SNAPSHOT_EVERY_SECONDS, GAP_POLICY, REORDER_BUFFER,
            FRAME_ENCODING, METRICS_ADDRESS, METRICS_PORT, MATH_THREADS, THREAD_REPLACEMENTS, SERDE_FORMAT,
            OUTPUT_JSON_TOPIC, OUTPUT_JSON_COLLECTION, NOVELTY_ENABLED, NOVELTY_SCORE, NOVELTY_QUANTILE,
            NOVELTY_THRESHOLD, NOVELTY_WARMUP_WINDOWS, NOVELTY_MEMORY_WINDOWS, SOURCES_IDLE_SECONDS, SOURCES_MAX);

    /** The CPU default for 16 kHz audio. */
    public static final String DEFAULT_PRESET = "mel";
    public static final int DEFAULT_PARTITIONS = 3;
    /** One thread decodes, assembles and commits while the other embeds; the trainer's steps have their own. */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /** Accepts every sample encoding ({@code cpc.frame.encoding}). */
    public static final String ANY_ENCODING = "any";
    /** {@code cpc.math.threads}: the cores shared among the stream threads. */
    public static final String AUTO_MATH_THREADS = "auto";
    /**
     * Room for the default preset's checkpoint with the carried states of {@code cpc.sources.max} sources, and below a
     * broker's default {@code socket.request.max.bytes} (100 MiB), so a checkpoint fits a stock broker's request.
     */
    private static final long DEFAULT_CHECKPOINT_MAX_BYTES = 96L << 20;
    /** A broker's passing trouble (a restart, a refused write) costs a thread or two; one that persists stops. */
    private static final int DEFAULT_THREAD_REPLACEMENTS = 3;
    private static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    private static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    private static final int DEFAULT_COMMIT_INTERVAL_MS = 50;
    private static final String KAFKA_ENV_PREFIX = "KAFKA_";
    private static final String CPC_ENV_PREFIX = "CPC_";
    /** Kafka's own prefixes for settings aimed at one of the streams client's clients. */
    private static final List<String> KAFKA_CLIENT_PREFIXES = List.of("", StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX);

    public AppSettings {
        modelOverrides = Map.copyOf(modelOverrides);
        kafka = Map.copyOf(kafka);
    }

    /**
     * Settings from a properties file (possibly empty) with environment variables over it.
     *
     * @throws IllegalArgumentException naming the key, for an unknown {@code cpc.} key or a value that does not parse
     */
    public static AppSettings fromProperties(Properties file, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>();
        file.stringPropertyNames().forEach(key -> merged.put(key, file.getProperty(key).trim()));
        fromEnvironment(env).forEach((key, value) -> {
            // the environment's cpc.model.learningrate replaces the file's cpc.model.learningRate
            if (key.startsWith(MODEL_PREFIX)) {
                merged.keySet().removeIf(existing -> squash(existing).equals(squash(key)));
            }
            merged.put(key, value);
        });
        Map<String, String> cpc = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        merged.forEach((key, value) -> (key.startsWith(PREFIX) ? cpc : kafka).put(key, value));
        return parse(cpc, kafka);
    }

    private static AppSettings parse(Map<String, String> cpc, Map<String, String> kafka) {
        Values values = new Values(cpc);
        String preset = values.get(PRESET, DEFAULT_PRESET, Function.identity());
        Map<String, String> modelOverrides = modelOverrides(preset, cpc);
        StreamSettings d = StreamSettings.defaults();
        StreamSettings stream = new StreamSettings(
                values.get(BATCH_WINDOWS, d.batchWindows(), Integer::parseInt),
                values.get(TRAIN_EVERY, d.trainEvery(), Integer::parseInt),
                values.get(TRAIN_ENABLED, d.trainEnabled(), Values::bool),
                values.get(TRAIN_FRACTION, d.trainFraction(), Double::parseDouble),
                values.get(TRAIN_MAX_LAG_SECONDS, d.trainMaxLag(), AppSettings::seconds),
                values.get(TRAIN_OWN_THREAD, d.trainOnOwnThread(), Values::bool),
                values.get(BATCH_FLUSH_MS, d.flushInterval(), ms -> Duration.ofMillis(Long.parseLong(ms))),
                values.get(REORDER_BUFFER, d.reorderBuffer(), Integer::parseInt),
                values.get(GAP_POLICY, d.gapPolicy(), GapPolicy::fromSetting),
                values.get(FRAME_ENCODING, d.encoding(), AppSettings::encoding),
                values.get(CHECKPOINT_EVERY_STEPS, d.checkpointEverySteps(), Long::parseLong),
                values.get(CHECKPOINT_EVERY_SECONDS, d.checkpointInterval(), AppSettings::seconds),
                values.get(CHECKPOINT_DIR, d.checkpointDir(), dir -> Optional.of(Path.of(dir))),
                values.get(CHECKPOINT_KEEP, d.checkpointsKept(), Integer::parseInt),
                values.get(SNAPSHOT_EVERY_STEPS, d.snapshotEverySteps(), Long::parseLong),
                values.get(SNAPSHOT_EVERY_SECONDS, d.snapshotInterval(), AppSettings::seconds),
                novelty(values, d.novelty()),
                new SourceLimits(values.get(SOURCES_IDLE_SECONDS, d.sources().idle(), AppSettings::seconds),
                        values.get(SOURCES_MAX, d.sources().maxSources(), Integer::parseInt)));
        AppSettings settings = new AppSettings(preset, modelOverrides,
                values.get(TOPIC_PREFIX, CpcNames.DEFAULT_TOPIC_PREFIX, Function.identity()),
                values.get(TOPIC_PARTITIONS, DEFAULT_PARTITIONS, Integer::parseInt),
                values.get(TOPIC_REPLICATION, (short) 1, Short::parseShort),
                stream,
                values.get(CHECKPOINT_MAX_BYTES, DEFAULT_CHECKPOINT_MAX_BYTES, Long::parseLong),
                values.get(METRICS_ADDRESS, "127.0.0.1", Function.identity()),
                values.get(METRICS_PORT, -1, Integer::parseInt),
                values.get(MATH_THREADS, 0, AppSettings::mathThreads),
                values.get(THREAD_REPLACEMENTS, DEFAULT_THREAD_REPLACEMENTS, AppSettings::threadReplacements),
                output(values),
                kafka);
        values.rejectUnknown();
        if (settings.output().format() == WireFormat.REGISTRY) {
            RegistryConnection.fromConfig(kafka);
        }
        try {
            settings.modelConfig();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model settings " + modelOverrides + " do not fit preset '" + preset
                    + "': " + e.getMessage(), e);
        }
        return settings;
    }

    /**
     * Refuses a checkpoint of {@code modelBytes} (the model's own, encoded) that could outgrow what the checkpoint
     * topic takes with the carried states of as many sources as {@code cpc.sources.max} keeps; the start checks it.
     * Without that limit the states are not bounded, and only the model is checked.
     */
    public void requireCheckpointFits(CpcConfig model, int modelBytes) {
        SourceLimits sources = stream.sources();
        long statesBytes = Math.max(0, sources.carriedStateBytes(model.hidden()));
        if (modelBytes + statesBytes > checkpointMaxBytes) {
            throw new IllegalStateException("a checkpoint of preset '" + model.preset() + "' takes " + modelBytes
                    + " bytes, and up to " + statesBytes + " more with the carried states of " + SOURCES_MAX + "="
                    + sources.maxSources() + " sources (ids of up to " + SourceLimits.SOURCE_ID_BYTES
                    + " bytes), more than " + CHECKPOINT_MAX_BYTES + "=" + checkpointMaxBytes + ": raise it (and the"
                    + " brokers' socket.request.max.bytes if it is larger), lower " + SOURCES_MAX
                    + ", or choose a smaller model");
        }
    }

    /** The model's config: the preset with {@link #modelOverrides()} on top. */
    public CpcConfig modelConfig() {
        return Presets.get(preset, modelOverrides);
    }

    public TopicNames topicNames() {
        return TopicNames.withPrefix(topicPrefix);
    }

    /** {@code application.id}, also the consumer group: {@code cpcstream-<topic prefix>} unless set. */
    public String applicationId() {
        return kafka.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG,
                "cpcstream-" + topicPrefix.replaceAll("[^A-Za-z0-9_-]", ""));
    }

    /**
     * The streams client's properties: the Kafka keys as given, over cpcstream's defaults: exactly-once v2, two
     * stream threads, a commit interval shorter than exactly-once's, changelogs replicated like the topics, a
     * producer that takes a checkpoint, a short consumer session.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        p.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(DEFAULT_STREAM_THREADS));
        // An embedding is visible to read_committed consumers only once its transaction commits, so the interval
        // is part of every embedding's latency; a shorter one than exactly-once's costs the broker little.
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(DEFAULT_COMMIT_INTERVAL_MS));
        p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topicReplication));
        // A stream thread's session only needs the consumer's heartbeat thread, so a short timeout costs nothing
        // and lets a restarted instance take its partitions back in seconds instead of the default 45.
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(DEFAULT_SESSION_TIMEOUT_MS));
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Long.toString(checkpointMaxBytes));
        // The producer must be able to buffer a whole checkpoint next to the embeddings in flight.
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG),
                Long.toString(Math.max(32L << 20, 2 * checkpointMaxBytes)));
        return p;
    }

    /**
     * Threads one model op may use: as set, or else the cores divided among the stream threads (at least 1), since
     * the trainer's steps and the embedding run at once on their own threads, and more math threads than cores only
     * make them wait for each other.
     */
    public int effectiveMathThreads() {
        if (mathThreads > 0) {
            return mathThreads;
        }
        int streamThreads = Integer.parseInt(streamsProperties().getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, streamThreads));
    }

    /** The schema registry these settings name: for the registry format, or to read registry-format input. */
    public Optional<RegistryConnection> registryConnection() {
        return output.format() == WireFormat.REGISTRY || kafka.containsKey(RegistryConnection.URL)
                ? Optional.of(RegistryConnection.fromConfig(kafka)) : Optional.empty();
    }

    /** The Kafka keys an admin client understands (connection and security), bootstrap defaulted. */
    public Map<String, Object> adminProperties() {
        return clientProperties(AdminClientConfig.configNames());
    }

    /** The Kafka keys a plain consumer understands (connection and security), bootstrap defaulted. */
    public Map<String, Object> consumerProperties() {
        return clientProperties(ConsumerConfig.configNames());
    }

    /** The Kafka keys a plain producer understands (connection and security), bootstrap defaulted. */
    public Map<String, Object> producerProperties() {
        return clientProperties(ProducerConfig.configNames());
    }

    /** The effective settings for the start-up log: secrets hidden, model config in full. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PRESET, preset);
        modelConfig().toMap().forEach((key, value) -> m.put(MODEL_PREFIX + key, value));
        m.put(TOPIC_PREFIX, topicPrefix);
        m.put(TOPIC_PARTITIONS, Integer.toString(topicPartitions));
        m.put(TOPIC_REPLICATION, Short.toString(topicReplication));
        m.put(BATCH_WINDOWS, Integer.toString(stream.batchWindows()));
        m.put(BATCH_FLUSH_MS, Long.toString(stream.flushInterval().toMillis()));
        m.put(TRAIN_EVERY, Integer.toString(stream.trainEvery()));
        m.put(TRAIN_ENABLED, Boolean.toString(stream.trainEnabled()));
        m.put(TRAIN_FRACTION, Double.toString(stream.trainFraction()));
        m.put(TRAIN_MAX_LAG_SECONDS, Double.toString(stream.trainMaxLag().toMillis() / 1000.0));
        m.put(TRAIN_OWN_THREAD, Boolean.toString(stream.trainOnOwnThread()));
        m.put(CHECKPOINT_EVERY_STEPS, Long.toString(stream.checkpointEverySteps()));
        m.put(CHECKPOINT_EVERY_SECONDS, Double.toString(stream.checkpointInterval().toMillis() / 1000.0));
        m.put(CHECKPOINT_DIR, stream.checkpointDir().map(Path::toString).orElse(""));
        m.put(CHECKPOINT_KEEP, Integer.toString(stream.checkpointsKept()));
        m.put(CHECKPOINT_MAX_BYTES, Long.toString(checkpointMaxBytes));
        m.put(SNAPSHOT_EVERY_STEPS, Long.toString(stream.snapshotEverySteps()));
        m.put(SNAPSHOT_EVERY_SECONDS, Double.toString(stream.snapshotInterval().toMillis() / 1000.0));
        m.put(GAP_POLICY, stream.gapPolicy().settingValue());
        m.put(REORDER_BUFFER, Integer.toString(stream.reorderBuffer()));
        m.put(FRAME_ENCODING, stream.encoding().map(Enum::name).map(String::toLowerCase).orElse(ANY_ENCODING));
        NoveltySettings novelty = stream.novelty();
        m.put(NOVELTY_ENABLED, Boolean.toString(novelty.enabled()));
        m.put(NOVELTY_SCORE, novelty.term().settingValue());
        m.put(NOVELTY_QUANTILE, Double.toString(novelty.quantile()));
        m.put(NOVELTY_THRESHOLD, novelty.fixedThreshold().isPresent()
                ? Double.toString(novelty.fixedThreshold().getAsDouble()) : "");
        m.put(NOVELTY_WARMUP_WINDOWS, Integer.toString(novelty.warmupWindows()));
        m.put(NOVELTY_MEMORY_WINDOWS, Integer.toString(novelty.memoryWindows()));
        m.put(SOURCES_IDLE_SECONDS, Double.toString(stream.sources().idle().toMillis() / 1000.0));
        m.put(SOURCES_MAX, Integer.toString(stream.sources().maxSources()));
        m.put(METRICS_ADDRESS, metricsAddress);
        m.put(METRICS_PORT, Integer.toString(metricsPort));
        m.put(MATH_THREADS, effectiveMathThreads() + (mathThreads == 0 ? " (" + AUTO_MATH_THREADS + ")" : ""));
        m.put(THREAD_REPLACEMENTS, Integer.toString(threadReplacements));
        m.put(SERDE_FORMAT, output.format().settingValue());
        m.put(OUTPUT_JSON_TOPIC, output.jsonTopic().orElse(""));
        m.put(OUTPUT_JSON_COLLECTION, output.jsonCollection());
        streamsProperties().forEach((key, value) -> m.put(key.toString(),
                SecretSettings.shown(key.toString(), value)));
        return m;
    }

    private Map<String, Object> clientProperties(Set<String> known) {
        Map<String, Object> p = new TreeMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key)) {
                p.put(key, value);
            }
        });
        p.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        return p;
    }

    private static Map<String, String> modelOverrides(String preset, Map<String, String> cpc) {
        Map<String, String> canonical = new TreeMap<>();
        Presets.get(preset).toMap().keySet().forEach(key -> canonical.put(squash(key), key));
        Map<String, String> overrides = new TreeMap<>();
        cpc.forEach((key, value) -> {
            if (key.startsWith(MODEL_PREFIX)) {
                String name = key.substring(MODEL_PREFIX.length());
                // cpc.model.learningrate and cpc.model.learning.rate (from CPC_MODEL_LEARNING_RATE) mean learningRate
                String known = canonical.get(squash(name));
                if (known == null) {
                    throw new IllegalArgumentException("unknown model setting '" + key + "'; known: "
                            + canonical.values().stream().map(k -> MODEL_PREFIX + k).toList());
                }
                overrides.put(known, value);
            }
        });
        return overrides;
    }

    /** CPC_A_B to cpc.a.b; KAFKA_A_B to a.b when that is a Kafka setting. */
    private static Map<String, String> fromEnvironment(Map<String, String> env) {
        Set<String> kafkaKeys = kafkaKeys();
        Map<String, String> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
            if (name.startsWith(CPC_ENV_PREFIX) && (KEYS.contains(key) || key.startsWith(MODEL_PREFIX))) {
                settings.put(key, value.trim());
            } else if (name.startsWith(KAFKA_ENV_PREFIX)) {
                String kafkaKey = key.substring(KAFKA_ENV_PREFIX.length());
                if (KAFKA_CLIENT_PREFIXES.stream().anyMatch(prefix -> kafkaKey.startsWith(prefix)
                        && kafkaKeys.contains(kafkaKey.substring(prefix.length())))) {
                    settings.put(kafkaKey, value.trim());
                }
            }
        });
        return settings;
    }

    private static Set<String> kafkaKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }

    private static NoveltySettings novelty(Values values, NoveltySettings d) {
        return new NoveltySettings(
                values.get(NOVELTY_ENABLED, d.enabled(), Values::bool),
                values.get(NOVELTY_SCORE, d.term(), NoveltyTerm::fromSetting),
                values.get(NOVELTY_QUANTILE, d.quantile(), Double::parseDouble),
                values.get(NOVELTY_THRESHOLD, d.fixedThreshold(), v -> OptionalDouble.of(Double.parseDouble(v))),
                values.get(NOVELTY_WARMUP_WINDOWS, d.warmupWindows(), Integer::parseInt),
                values.get(NOVELTY_MEMORY_WINDOWS, d.memoryWindows(), Integer::parseInt));
    }

    /** A key without dots and case, the form in which file and environment spellings of a model key meet. */
    private static String squash(String key) {
        return key.replace(".", "").toLowerCase(Locale.ROOT);
    }

    private static OutputSettings output(Values values) {
        OutputSettings d = OutputSettings.defaults();
        return new OutputSettings(values.get(SERDE_FORMAT, d.format(), WireFormat::fromSetting),
                values.get(OUTPUT_JSON_TOPIC, d.jsonTopic(), Optional::of),
                values.get(OUTPUT_JSON_COLLECTION, d.jsonCollection(), Function.identity()));
    }

    private static Optional<SampleEncoding> encoding(String value) {
        if (value.equalsIgnoreCase(ANY_ENCODING)) {
            return Optional.empty();
        }
        return Optional.of(SampleEncoding.valueOf(value.toUpperCase(Locale.ROOT)));
    }

    /** A positive thread count, or {@code auto} (0). */
    private static int mathThreads(String value) {
        if (value.equalsIgnoreCase(AUTO_MATH_THREADS)) {
            return 0;
        }
        int threads = Integer.parseInt(value);
        if (threads < 1) {
            throw new IllegalArgumentException("set it to auto or a thread count of at least 1, got " + value);
        }
        return threads;
    }

    private static int threadReplacements(String value) {
        int replacements = Integer.parseInt(value);
        if (replacements < 0) {
            throw new IllegalArgumentException("set it to 0 (stop on the first failure) or more, got " + value);
        }
        return replacements;
    }

    /** Seconds, fractions allowed (0.5 is half a second). */
    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    /** Reads cpcstream's keys, naming the key in every parse error, and remembers which keys it read. */
    private static final class Values {
        private final Map<String, String> cpc;
        private final Set<String> read = new HashSet<>();

        Values(Map<String, String> cpc) {
            this.cpc = cpc;
        }

        <T> T get(String key, T defaultValue, Function<String, T> parse) {
            read.add(key);
            String value = cpc.get(key);
            if (value == null || value.isEmpty()) {
                return defaultValue;
            }
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("setting " + key + "='" + value + "' is invalid: "
                        + e.getMessage(), e);
            }
        }

        void rejectUnknown() {
            for (String key : cpc.keySet()) {
                if (!read.contains(key) && !key.startsWith(MODEL_PREFIX)) {
                    throw new IllegalArgumentException("unknown setting '" + key + "'; cpcstream's settings are "
                            + KEYS + " and " + MODEL_PREFIX + "<model key>");
                }
            }
        }

        static boolean bool(String value) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(value);
        }
    }
}
