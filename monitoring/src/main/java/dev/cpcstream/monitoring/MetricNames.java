package dev.cpcstream.monitoring;

/**
 * Every meter name cpcstream registers, in Micrometer's dotted form. The Prometheus registry turns a name into
 * snake case and adds the unit: {@code cpc.frames.in} (counter) is scraped as {@code cpc_frames_in_total},
 * {@code cpc.train.step} (timer) as {@code cpc_train_step_seconds_*}, a gauge with base unit bytes gets
 * {@code _bytes}. The Grafana dashboard and the alert rules query the scraped names; {@code MetricNamesInUseTest}
 * fails the build when one of them is no longer exported.
 */
public final class MetricNames {

    // ---- learning: one value per training step, the last step's value between scrapes ----------------------------
    /** InfoNCE loss of the last step. */
    public static final String LOSS = "cpc.loss";
    /** ln(N + 1): the loss of a model that cannot tell the positive from its N negatives. */
    public static final String LOSS_CHANCE = "cpc.loss.chance";
    /** Top-1 contrastive accuracy of the last step, over every anchor and every step k. */
    public static final String ACCURACY = "cpc.accuracy";
    /** The same accuracy for one prediction step, tagged {@link #TAG_K}. */
    public static final String ACCURACY_PER_STEP = "cpc.accuracy.per.step";
    /** Global L2 norm of the gradient before clipping. */
    public static final String GRAD_NORM = "cpc.grad.norm";
    public static final String LEARNING_RATE = "cpc.learning.rate";
    /** Optimizer steps applied since this process started. */
    public static final String TRAIN_STEPS = "cpc.train.steps";
    /** Steps whose update was skipped because the loss or the gradient was not finite. */
    public static final String TRAIN_STEPS_SKIPPED = "cpc.train.steps.skipped";
    /** Optimizer steps the model has taken in its whole life, restored from checkpoints. */
    public static final String MODEL_STEP = "cpc.model.step";
    /** Monotonic version of the weights the published embeddings were computed with. */
    public static final String MODEL_VERSION = "cpc.model.version";
    /** Version of the weights this instance embeds with: the snapshot it follows, on every instance. */
    public static final String MODEL_VERSION_IN_USE = "cpc.model.version.in.use";
    /** Model versions between the newest snapshot seen on the model topic and the weights this instance uses. */
    public static final String MODEL_VERSION_LAG = "cpc.model.version.lag";
    /** Model snapshots refused because their config hash is not this instance's. */
    public static final String SNAPSHOTS_REFUSED = "cpc.model.snapshots.refused";
    /** Sources a learner carries a GRU state for, within cpc.sources.idle.seconds and cpc.sources.max. */
    public static final String SOURCES_CARRIED = "cpc.sources.carried";
    /** Wall time of one training step (forward, backward, update). */
    public static final String TRAIN_STEP_TIME = "cpc.train.step";

    // ---- representation health ------------------------------------------------------------------------------------
    /** Mean squared distance between normalised predictions and their positive keys (Wang and Isola 2020). */
    public static final String ALIGNMENT = "cpc.alignment";
    /** Log of the mean Gaussian potential between keys (Wang and Isola 2020); lower is more uniform. */
    public static final String UNIFORMITY = "cpc.uniformity";
    /** Smallest standard deviation of one embedding dimension over the recent sample. */
    public static final String EMBEDDING_STD_MIN = "cpc.embedding.std.min";
    /** Standard deviation of the embedding dimensions over the recent sample, averaged over dimensions. */
    public static final String EMBEDDING_STD_MEAN = "cpc.embedding.std.mean";
    /** exp(entropy) of the normalised singular values of the centered recent sample (Roy and Vetterli 2007). */
    public static final String EMBEDDING_EFFECTIVE_RANK = "cpc.embedding.effective.rank";
    /** H: the embedding width, the largest effective rank possible. */
    public static final String EMBEDDING_DIMENSIONS = "cpc.embedding.dimensions";
    /** Embeddings in the sample the statistics above were computed on. */
    public static final String EMBEDDING_SAMPLE_ROWS = "cpc.embedding.sample.rows";
    /** Keys in the MoCo queue that came from the key encoder (not the random initial ones). */
    public static final String QUEUE_FILL = "cpc.queue.fill";
    /** Age in optimizer steps of the oldest key a negative can be drawn from. */
    public static final String QUEUE_OLDEST_KEY_AGE = "cpc.queue.oldest.key.age";

    // ---- flow -----------------------------------------------------------------------------------------------------
    public static final String FRAMES_IN = "cpc.frames.in";
    public static final String WINDOWS = "cpc.windows";
    public static final String EMBEDDINGS_OUT = "cpc.embeddings.out";
    /** Input records sent to the dead-letter topic, tagged {@link #TAG_REASON}. */
    public static final String DEAD_LETTERS = "cpc.dead.letters";
    public static final String FRAME_DUPLICATES = "cpc.frame.duplicates";
    public static final String FRAME_GAPS = "cpc.frame.gaps";
    public static final String FRAMES_REORDERED = "cpc.frames.reordered";
    /** Wall time of one inference pass over windows that were not trained on. */
    public static final String INFERENCE_TIME = "cpc.inference";
    public static final String INFERENCE_WINDOWS = "cpc.inference.windows";
    /** Event-time lag: from the timestamp of a window's last frame to the publication of its embedding. */
    public static final String EVENT_LAG = "cpc.event.lag";
    /** Windows that reached the trainer, tagged {@link #TAG_OUTCOME} (TrainingIntake): trained, stale or thinned. */
    public static final String TRAINING_WINDOWS = "cpc.training.windows";
    /** How long the last window to reach the trainer had waited for it since the embedding side forwarded it. */
    public static final String TRAINING_LAG = "cpc.training.lag";

    // ---- novelty --------------------------------------------------------------------------------------------------
    /** Windows whose novelty score exceeded the threshold, hence published to the novelty topic. */
    public static final String NOVELTY_WINDOWS = "cpc.novelty.windows";
    /** The novelty scores of the published embeddings (those still warming up without one excluded). */
    public static final String NOVELTY_SCORE = "cpc.novelty.score";

    // ---- resources ------------------------------------------------------------------------------------------------
    /** Off-heap bytes JavaCPP (hence ND4J) has allocated and not yet freed. */
    public static final String OFFHEAP_ALLOCATED = "cpc.offheap.allocated";
    /** JavaCPP's cap on those bytes; ND4J allocations fail beyond it. */
    public static final String OFFHEAP_LIMIT = "cpc.offheap.limit";
    /** Resident physical memory of the whole process, as JavaCPP measures it. */
    public static final String PROCESS_PHYSICAL = "cpc.process.physical";
    /** JavaCPP's cap on resident memory; 0 means no cap. */
    public static final String PROCESS_PHYSICAL_LIMIT = "cpc.process.physical.limit";
    /** Seconds of training not yet saved: since the last checkpoint, or since start before the first one. */
    public static final String CHECKPOINT_AGE = "cpc.checkpoint.age";
    public static final String CHECKPOINT_SIZE = "cpc.checkpoint.size";
    public static final String CHECKPOINTS = "cpc.checkpoints";
    /** Stored checkpoints passed over at restore for an older one, tagged {@link #TAG_REASON} (CheckpointRejection). */
    public static final String CHECKPOINTS_REJECTED = "cpc.checkpoints.rejected";

    // ---- health ---------------------------------------------------------------------------------------------------
    /**
     * 1 once the instance holds a model (restored, or a followed snapshot) and the Kafka
     * Streams client is RUNNING, else 0.
     */
    public static final String READY = "cpc.ready";

    // ---- tags -----------------------------------------------------------------------------------------------------
    /** Prediction step k = 1..K of {@link #ACCURACY_PER_STEP}. */
    public static final String TAG_K = "k";
    /** Why a record was dead-lettered; a small fixed set (the DeadLetterReason symbols), never free text. */
    public static final String TAG_REASON = "reason";
    /** What the trainer did with a window; the TrainingIntake symbols. */
    public static final String TAG_OUTCOME = "outcome";
    /** Which learner: the instance's embedding learner or the trainer's. */
    public static final String TAG_LEARNER = "learner";

    private MetricNames() {
    }
}
