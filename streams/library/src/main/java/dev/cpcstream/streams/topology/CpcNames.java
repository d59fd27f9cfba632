package dev.cpcstream.streams.topology;

/**
 * Every topic suffix, state store and processor name of the cpcstream topology, named once here. Topic names get
 * a user-chosen prefix ({@link TopicNames}); store and processor names are part of the changelog topic names and
 * of the application's state directory, so renaming one orphans the state of a running deployment.
 */
public final class CpcNames {

    /** Prefix of the seven topics when the user sets none: {@code cpc.frames}, {@code cpc.embeddings}, ... */
    public static final String DEFAULT_TOPIC_PREFIX = "cpc.";

    // ---- topic suffixes -------------------------------------------------------------------------------------------
    /** Input: Frame records keyed by sourceId. */
    public static final String FRAMES = "frames";
    /** Output: one Embedding per window, keyed by sourceId. */
    public static final String EMBEDDINGS = "embeddings";
    /** Output: ModelCheckpoint records under {@link #CHECKPOINT_KEY}; compacted, one partition. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Output: DeadLetter records for the input the learner could not use. */
    public static final String DEAD_LETTERS = "dlq";
    /**
     * The trainer's ModelSnapshot records under {@link #SNAPSHOT_KEY}, which every instance follows; compacted, one
     * partition.
     */
    public static final String MODEL = "model";
    /** Output: the embeddings whose novelty score exceeded the threshold, as on the embeddings topic. */
    public static final String NOVELTY = "novelty";

    /**
     * Internal: the windows chosen for training, forwarded by every instance to the one trainer task; one partition,
     * so Kafka Streams gives that task to exactly one instance.
     */
    public static final String TRAINING_WINDOWS = "training-windows";

    /** The one key of the checkpoint topic: compaction keeps only the newest checkpoint. */
    public static final String CHECKPOINT_KEY = "model";
    /** The one key of the model topic: compaction keeps only the newest weights. */
    public static final String SNAPSHOT_KEY = "weights";

    // ---- state stores ---------------------------------------------------------------------------------------------
    /** Per sourceId: the sequencing of the source and where its partial window stands (a SourceAssembly). */
    public static final String ASSEMBLER_STORE = "cpc-assembler";
    /** Per sourceId and seq: the samples of the frames a source's assembly buffers or holds. */
    public static final String ASSEMBLER_FRAMES_STORE = "cpc-assembler-frames";
    /** Per task: windows cut but not yet embedded, by arrival id, oldest first. */
    public static final String PENDING_WINDOWS_STORE = "cpc-pending-windows";
    /** The trainer task's: training windows by offset in the training-windows topic, until a checkpoint covers them. */
    public static final String TRAINING_WINDOWS_STORE = "cpc-training-windows";
    /** Global, from the model topic: the newest snapshot, so a restarted instance has it before it embeds. */
    public static final String MODEL_STORE = "cpc-model";

    // ---- processors and sinks, in data-flow order -----------------------------------------------------------------
    public static final String FRAMES_SOURCE = "frames-source";
    public static final String DECODE = "decode";
    public static final String ASSEMBLE = "assemble";
    public static final String LEARN = "learn";
    public static final String PUBLISH_EMBEDDINGS = "publish-embeddings";
    public static final String PUBLISH_CHECKPOINTS = "publish-checkpoints";
    public static final String PUBLISH_DEAD_LETTERS = "publish-dead-letters";
    public static final String PUBLISH_SNAPSHOTS = "publish-snapshots";
    public static final String TRAINING_WINDOWS_SINK = "training-windows-sink";
    public static final String TRAINING_WINDOWS_SOURCE = "training-windows-source";
    public static final String TRAIN = "train";
    public static final String MODEL_SOURCE = "model-source";
    public static final String FOLLOW_MODEL = "follow-model";
    public static final String EMBEDDINGS_SINK = "embeddings-sink";
    public static final String NOVELTY_SINK = "novelty-sink";
    public static final String CHECKPOINTS_SINK = "checkpoints-sink";
    public static final String DEAD_LETTERS_SINK = "dlq-sink";
    public static final String MODEL_SINK = "model-sink";
    /** Only when a JSON mirror topic is set ({@link TopicCodecs#jsonMirror()}). */
    public static final String JSON_MIRROR_SINK = "json-mirror-sink";

    private CpcNames() {
    }
}
