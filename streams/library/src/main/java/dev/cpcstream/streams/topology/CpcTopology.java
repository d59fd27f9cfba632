package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.SourceLimits;
import dev.cpcstream.model.novelty.NoveltyScorer;
import dev.cpcstream.model.novelty.NoveltySettings;
import dev.cpcstream.model.novelty.StreamReference;
import dev.cpcstream.monitoring.CpcMetrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cpcstream topology, built in one place from its dependencies and used as is by the application, the tests
 * and anyone embedding the learner in a topology of their own:
 *
 * <pre>
 *   frames topic (raw bytes)
 *     -> decode             Frame, format checks, de-interleave         (else dead letter)
 *     -> assemble           per source: seq order, gaps, windows  [assembler store, assembler frames store]
 *     -> learn              per task: micro-batches, embed with the followed weights [pending-windows store]
 *     -> publish-embeddings -> embeddings topic, one Embedding per window, with its novelty score
 *                           -> novelty topic, the Embeddings of novel windows
 *                           -> JSON mirror topic, if set
 *     -> training-windows topic (one partition): the windows chosen for training
 *   decode, assemble -> publish-dead-letters -> dead-letter topic
 *   training-windows topic -> train: the one trainer task  [training-windows store]
 *     -> publish-checkpoints -> checkpoints topic (key "model")
 *     -> publish-snapshots  -> model topic (key "weights"): the weights, for every instance
 *   model topic -> follow-model [global model store]: every instance embeds with the newest weights
 * </pre>
 */
public final class CpcTopology {

    private CpcTopology() {
    }

    /**
     * A new topology holding only cpcstream's processors.
     *
     * @param owner   the instance's embedding learner, which follows the model topic
     * @param trainer called in the trainer task's {@code init}: its learner, restored from the newest checkpoint
     */
    public static Topology build(TopicNames topics, StreamSettings settings, LearnerOwner owner,
                                 Supplier<LearnerOwner> trainer, CpcMetrics metrics) {
        return build(topics, TopicCodecs.singleObject(), settings, owner, trainer, metrics);
    }

    /** As {@link #build(TopicNames, StreamSettings, LearnerOwner, Supplier, CpcMetrics)}, in the given formats. */
    public static Topology build(TopicNames topics, TopicCodecs codecs, StreamSettings settings, LearnerOwner owner,
                                 Supplier<LearnerOwner> trainer, CpcMetrics metrics) {
        Topology topology = new Topology();
        addTo(topology, topics, codecs, settings, owner, trainer, metrics);
        return topology;
    }

    /**
     * Adds cpcstream's processors, stores and sinks (named as in {@link CpcNames}) to an existing topology; the
     * trainer's only when training is enabled.
     */
    public static void addTo(Topology topology, TopicNames topics, StreamSettings settings, LearnerOwner owner,
                             Supplier<LearnerOwner> trainer, CpcMetrics metrics) {
        addTo(topology, topics, TopicCodecs.singleObject(), settings, owner, trainer, metrics);
    }

    /**
     * As {@link #addTo(Topology, TopicNames, StreamSettings, LearnerOwner, Supplier, CpcMetrics)}, reading frames and
     * writing embeddings with {@code codecs}, plus the JSON mirror's sink when it has one.
     */
    public static void addTo(Topology topology, TopicNames topics, TopicCodecs codecs, StreamSettings settings,
                             LearnerOwner owner, Supplier<LearnerOwner> trainer, CpcMetrics metrics) {
        CpcConfig config = owner.config();
        AssemblyRules rules = AssemblyRules.of(config, settings);
        SampleDecoder samples = new SampleDecoder(config, settings.encoding());
        topology.addSource(CpcNames.FRAMES_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.frames());
        topology.addProcessor(CpcNames.DECODE, () -> new FrameDecoder(codecs.frames(), samples, metrics), CpcNames.FRAMES_SOURCE);
        topology.addProcessor(CpcNames.ASSEMBLE, () -> new WindowAssembler(rules, metrics), CpcNames.DECODE);
        topology.addProcessor(CpcNames.LEARN, () -> new LearnerProcessor(owner, settings, metrics),
                CpcNames.ASSEMBLE);
        Supplier<Optional<NoveltyScorer>> novelty = noveltyScorers(settings.novelty(), settings.sources());
        topology.addProcessor(CpcNames.PUBLISH_EMBEDDINGS,
                () -> new EmbeddingPublisher(config.preset(), codecs, novelty.get(), metrics), CpcNames.LEARN);
        topology.addProcessor(CpcNames.PUBLISH_DEAD_LETTERS, () -> new DeadLetterPublisher(metrics),
                CpcNames.DECODE, CpcNames.ASSEMBLE);

        // Caching coalesces the many writes between two commits into one changelog record per key: a source's
        // sequencing state is rewritten with every frame, a frame's samples are mostly deleted by the window's hop
        // before the commit, and so are most pending windows.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CpcNames.ASSEMBLER_STORE),
                Serdes.String(), new SourceAssemblySerde(rules)).withCachingEnabled(), CpcNames.ASSEMBLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CpcNames.ASSEMBLER_FRAMES_STORE), new FrameKeySerde(),
                new FrameSamplesSerde(rules)).withCachingEnabled(), CpcNames.ASSEMBLE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CpcNames.PENDING_WINDOWS_STORE), Serdes.Long(),
                new PendingWindowSerde()).withCachingEnabled(), CpcNames.LEARN);

        topology.addSink(CpcNames.EMBEDDINGS_SINK, topics.embeddings(), new StringSerializer(),
                new ByteArraySerializer(), CpcNames.PUBLISH_EMBEDDINGS);
        topology.addSink(CpcNames.NOVELTY_SINK, topics.novelty(), new StringSerializer(), new ByteArraySerializer(),
                CpcNames.PUBLISH_EMBEDDINGS);
        codecs.jsonMirror().ifPresent(mirror -> topology.addSink(CpcNames.JSON_MIRROR_SINK, mirror.topic(),
                new StringSerializer(), new ByteArraySerializer(), CpcNames.PUBLISH_EMBEDDINGS));
        topology.addSink(CpcNames.DEAD_LETTERS_SINK, topics.deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), CpcNames.PUBLISH_DEAD_LETTERS);

        // Global stores restore from their topic, which must not be a changelog of their own.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CpcNames.MODEL_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), CpcNames.MODEL_SOURCE,
                new StringDeserializer(), new ByteArrayDeserializer(), topics.model(), CpcNames.FOLLOW_MODEL,
                () -> new ModelFollower(owner, metrics));
        if (settings.trainEnabled()) {
            addTrainer(topology, topics, settings, trainer, metrics);
        }
    }

    /** One scorer per task, all sharing the instance's stream reference; none when novelty is off. */
    private static Supplier<Optional<NoveltyScorer>> noveltyScorers(NoveltySettings settings, SourceLimits sources) {
        StreamReference stream = new StreamReference(settings);
        return () -> settings.enabled() ? Optional.of(new NoveltyScorer(settings, stream, sources)) : Optional.empty();
    }

    private static void addTrainer(Topology topology, TopicNames topics, StreamSettings settings,
                                   Supplier<LearnerOwner> trainer, CpcMetrics metrics) {
        Optional<CheckpointDirectory> directory = settings.checkpointDir()
                .map(dir -> new CheckpointDirectory(dir, settings.checkpointsKept()));
        PendingWindowSerde windowSerde = new PendingWindowSerde();
        topology.addSink(CpcNames.TRAINING_WINDOWS_SINK, topics.trainingWindows(), new StringSerializer(),
                windowSerde.serializer(), CpcNames.LEARN);
        topology.addSource(CpcNames.TRAINING_WINDOWS_SOURCE, new StringDeserializer(), windowSerde.deserializer(),
                topics.trainingWindows());
        topology.addProcessor(CpcNames.TRAIN,
                () -> new TrainerProcessor(trainer, topics.trainingWindows(), settings, metrics),
                CpcNames.TRAINING_WINDOWS_SOURCE);
        topology.addProcessor(CpcNames.PUBLISH_CHECKPOINTS, () -> new CheckpointPublisher(directory, metrics),
                CpcNames.TRAIN);
        topology.addProcessor(CpcNames.PUBLISH_SNAPSHOTS, SnapshotPublisher::new, CpcNames.TRAIN);
        // Caching keeps a window trained on and covered by a checkpoint before the next commit off the changelog.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CpcNames.TRAINING_WINDOWS_STORE), Serdes.Long(),
                windowSerde).withCachingEnabled(), CpcNames.TRAIN);
        topology.addSink(CpcNames.CHECKPOINTS_SINK, topics.checkpoints(), new StringSerializer(),
                new ByteArraySerializer(), CpcNames.PUBLISH_CHECKPOINTS);
        topology.addSink(CpcNames.MODEL_SINK, topics.model(), new StringSerializer(), new ByteArraySerializer(),
                CpcNames.PUBLISH_SNAPSHOTS);
    }
}
