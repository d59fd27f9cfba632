package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.schemas.AvroCodec;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.DeadLetter;
import dev.cpcstream.schemas.Embedding;
import dev.cpcstream.schemas.Frame;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.SampleEncoding;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The production topology ({@link CpcTopology#build}) under a {@link TopologyTestDriver} with exactly-once on, fed
 * through raw-byte topics exactly as a producer would, with helpers to make frames and read the outputs.
 */
final class TopologyFixture implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    final CpcConfig config;
    final StreamSettings settings;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CpcMetrics metrics = new CpcMetrics(registry);
    /** The instance's embedding learner, following the model topic. */
    final LearnerOwner owner;
    /** The trainer task's learner, once its task started; the task closes it. */
    final AtomicReference<LearnerOwner> trainer = new AtomicReference<>();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> frames;
    final TestOutputTopic<String, byte[]> embeddings;
    final TestOutputTopic<String, byte[]> novelty;
    final TestOutputTopic<String, byte[]> checkpoints;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    /** The model topic as another instance's trainer writes it. */
    final TestInputTopic<String, byte[]> model;
    /** The model topic as this topology's trainer writes it. */
    final TestOutputTopic<String, byte[]> snapshots;

    TopologyFixture(CpcConfig config, StreamSettings settings, Path stateDir) {
        this(config, settings, stateDir, () -> LearnerOwner.fresh(config, settings, true));
    }

    /** @param restoreTrainer what the trainer task's init restores, as the application restores a checkpoint */
    TopologyFixture(CpcConfig config, StreamSettings settings, Path stateDir, Supplier<LearnerOwner> restoreTrainer) {
        this.config = config;
        // on the driver's thread, a step is done when the window that completes its batch is piped
        this.settings = settings.withTrainingThread(false);
        this.owner = LearnerOwner.fresh(config, settings, false);
        Supplier<LearnerOwner> hosted = () -> {
            LearnerOwner restored = restoreTrainer.get();
            trainer.set(restored);
            return restored;
        };
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cpcstream-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(CpcTopology.build(TOPICS, this.settings, owner, hosted, metrics), props,
                START);
        frames = driver.createInputTopic(TOPICS.frames(), new ByteArraySerializer(), new ByteArraySerializer(),
                START, Duration.ofMillis(20));
        embeddings = driver.createOutputTopic(TOPICS.embeddings(), new StringDeserializer(),
                new ByteArrayDeserializer());
        novelty = driver.createOutputTopic(TOPICS.novelty(), new StringDeserializer(), new ByteArrayDeserializer());
        checkpoints = driver.createOutputTopic(TOPICS.checkpoints(), new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        model = driver.createInputTopic(TOPICS.model(), new StringSerializer(), new ByteArraySerializer());
        snapshots = driver.createOutputTopic(TOPICS.model(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    // ---- input ----------------------------------------------------------------------------------------------------

    /** A mono PCM frame of {@code length} samples, every sample {@code seq} so windows can be traced to frames. */
    Frame pcmFrame(String source, long seq, int length) {
        ByteBuffer data = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            data.putShort((short) seq);
        }
        return frame(source, seq, config.sampleRate(), 1, SampleEncoding.PCM_S16LE, data.flip());
    }

    static Frame frame(String source, long seq, int sampleRate, int channels, SampleEncoding encoding,
                       ByteBuffer data) {
        return Frame.newBuilder()
                .setSourceId(source)
                .setSeq(seq)
                .setTimestamp(START.plusMillis(20 * seq))
                .setSampleRate(sampleRate)
                .setChannels(channels)
                .setEncoding(encoding)
                .setData(data)
                .build();
    }

    /** Sends the frame keyed by its sourceId; returns the bytes sent. */
    byte[] send(Frame frame) {
        byte[] value = Codecs.FRAME.encode(frame);
        frames.pipeInput(key(frame.getSourceId()), value);
        return value;
    }

    /** Frames of {@code length} samples of one source, in the order given. */
    void sendPcm(String source, int length, long... seqs) {
        for (long seq : seqs) {
            send(pcmFrame(source, seq, length));
        }
    }

    static byte[] key(String source) {
        return source.getBytes(StandardCharsets.UTF_8);
    }

    /** Lets the wall clock pass, firing the flush (and checkpoint) punctuator. */
    void tick(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    List<TestRecord<String, Embedding>> readEmbeddings() {
        return decodedEmbeddings(embeddings);
    }

    /** The novelty topic: Embeddings, as on the embeddings topic. */
    List<TestRecord<String, Embedding>> readNovelty() {
        return decodedEmbeddings(novelty);
    }

    private static List<TestRecord<String, Embedding>> decodedEmbeddings(TestOutputTopic<String, byte[]> topic) {
        return topic.readRecordsToList().stream()
                .map(r -> new TestRecord<>(r.key(), Codecs.EMBEDDING.decode(r.value()), r.headers(),
                        r.getRecordTime()))
                .toList();
    }

    List<ModelCheckpoint> readCheckpoints() {
        return readUnderKey(checkpoints, CpcNames.CHECKPOINT_KEY, Codecs.MODEL_CHECKPOINT);
    }

    /** Sends a snapshot to the model topic, as the trainer does. */
    void follow(ModelSnapshot snapshot) {
        model.pipeInput(CpcNames.SNAPSHOT_KEY, Codecs.MODEL_SNAPSHOT.encode(snapshot));
    }

    List<ModelSnapshot> readSnapshots() {
        return readUnderKey(snapshots, CpcNames.SNAPSHOT_KEY, Codecs.MODEL_SNAPSHOT);
    }

    /** The records of a one-key compacted topic, decoded; any other key fails the test. */
    private static <T extends SpecificRecord> List<T> readUnderKey(TestOutputTopic<String, byte[]> topic, String key,
                                                                   AvroCodec<T> codec) {
        return topic.readRecordsToList().stream().map(r -> {
            if (!key.equals(r.key())) {
                throw new AssertionError("record under key " + r.key() + ", expected " + key);
            }
            return codec.decode(r.value());
        }).toList();
    }

    List<TestRecord<byte[], DeadLetter>> readDeadLetters() {
        return deadLetters.readRecordsToList().stream()
                .map(r -> new TestRecord<>(r.key(), Codecs.DEAD_LETTER.decode(r.value()), r.headers(),
                        r.getRecordTime()))
                .toList();
    }

    double counter(String name) {
        return registry.get(name).counter().count();
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    long pendingWindows() {
        return storeSize(CpcNames.PENDING_WINDOWS_STORE);
    }

    /** Training windows the trainer task holds until a checkpoint covers them. */
    long uncheckpointedTrainingWindows() {
        return storeSize(CpcNames.TRAINING_WINDOWS_STORE);
    }

    private long storeSize(String store) {
        long count = 0;
        try (var windows = driver.<Long, PendingWindow>getKeyValueStore(store).all()) {
            for (; windows.hasNext(); windows.next()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        driver.close();
        metrics.close();
        owner.close();
    }
}
