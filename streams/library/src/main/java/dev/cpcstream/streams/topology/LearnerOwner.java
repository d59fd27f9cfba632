package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Embeddings;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.TrainResult;
import dev.cpcstream.model.Window;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link OnlineLearner} and the lock that every call to it holds: an instance's embedding learner, which
 * follows the model topic, or the trainer task's learner, which trains, checkpoints and publishes snapshots.
 *
 * <p>Thread ownership: ND4J arrays and the learner's carried GRU states are not thread-safe, while Kafka Streams
 * runs the tasks of one instance on {@code num.stream.threads} threads, each task with its own learner processor
 * and micro-batches. The tasks of one learner share its owner; every public method is {@code synchronized} on it,
 * so frames tasks on different stream threads take turns at the embedding learner, one micro-batch at a time, while
 * the trainer task's owner is another lock. Nothing else holds a reference to the learner: the owner creates it.
 *
 * <p>It also keeps what a checkpoint needs besides the learner: the input offsets the learner has seen windows
 * up to, and when the last checkpoint was taken; and, for the model topic, when the last snapshot was taken.
 *
 * <p>Following the model topic: {@link #follow} takes a newer snapshot's weights under the same lock, so the
 * weights change between two micro-batches, never inside one, and every embedding carries the version of the
 * weights that computed it. A snapshot no newer than the weights in use changes nothing, so versions never go
 * back. The trainer task's learner follows once, in its task's init: when it restored a checkpoint older than the
 * newest snapshot, it continues from the snapshot's weights rather than publish older ones.
 */
public final class LearnerOwner implements AutoCloseable {

    private final OnlineLearner learner;
    private final CpcConfig config;
    private final CheckpointSchedule schedule;
    private final CheckpointSchedule snapshotSchedule;
    private final boolean trains;
    /** Whether embedding also computes each window's own-frame loss, for its novelty score. */
    private final boolean scoresNovelty;
    private final String configHash;
    /** Restored from a checkpoint or following a snapshot; a fresh embedding learner is not ready to embed. */
    private boolean holdsModel;
    /** Model version of the last snapshot taken; -1 before the first, which the first tick takes at once. */
    private long snapshotVersion = -1;
    /** "topic-partition" to the next offset after the newest input record whose windows the learner has seen. */
    private final Map<String, Long> seenOffsets;
    private final TrainingProgress progress = new TrainingProgress();
    private boolean newInputSinceCheckpoint;
    private boolean open = true;
    /** The caller waiting for a checkpoint whatever the schedule says; null when none is. */
    private CompletableFuture<ModelCheckpoint> requested;

    private LearnerOwner(OnlineLearner learner, Map<String, Long> seenOffsets, StreamSettings settings,
                         boolean trains, boolean restored) {
        this.learner = learner;
        this.config = learner.config();
        this.seenOffsets = new TreeMap<>(seenOffsets);
        this.schedule = new CheckpointSchedule(settings.checkpointEverySteps(), settings.checkpointInterval(),
                learner.step());
        this.snapshotSchedule = new CheckpointSchedule(settings.snapshotEverySteps(), settings.snapshotInterval(),
                learner.step());
        this.trains = trains;
        this.scoresNovelty = settings.novelty().enabled();
        this.configHash = config.hash();
        this.holdsModel = restored;
    }

    /**
     * A fresh model, initialised from {@code config.seed()}.
     *
     * @param trains whether this is the trainer task's learner, which checkpoints and publishes snapshots, or an
     *               instance's embedding learner, which follows them
     */
    public static LearnerOwner fresh(CpcConfig config, StreamSettings settings, boolean trains) {
        return new LearnerOwner(new OnlineLearner(config, settings.sources()), Map.of(), settings, trains, false);
    }

    /** The model exactly as checkpointed, remembering the input offsets the checkpoint covers. */
    public static LearnerOwner restored(ModelCheckpoint checkpoint, StreamSettings settings, boolean trains) {
        return new LearnerOwner(OnlineLearner.restore(checkpoint, settings.sources()), checkpoint.getInputOffsets(),
                settings, trains, true);
    }

    /** Immutable; safe without the lock. */
    public CpcConfig config() {
        return config;
    }

    /** One training step on the batch; the contexts of its forward pass are the windows' embeddings. */
    public synchronized TrainResult train(List<PendingWindow> batch) {
        TrainResult result = learner.train(batch.stream().map(PendingWindow::toWindow).toList());
        progress.record(result);
        saw(batch);
        return result;
    }

    /** The trainer's batches that {@code trainEvery} skips: counted as seen, so a checkpoint covers them. */
    public synchronized void skip(List<PendingWindow> batch) {
        saw(batch);
    }

    /** Inference only, for the batches not trained on and for a frozen model. */
    public synchronized Inference embed(List<PendingWindow> batch) {
        List<Window> windows = batch.stream().map(PendingWindow::toWindow).toList();
        Embeddings embeddings = scoresNovelty ? learner.embedWithOwnFrameLosses(windows)
                : learner.embedWithPrototypes(windows);
        saw(batch);
        return new Inference(embeddings.contexts(), embeddings.prototypes(), embeddings.ownFrameLosses(),
                learner.step(), learner.modelVersion());
    }

    /**
     * The learner's checkpoint if the schedule (or {@link #requestCheckpoint()}) says one is due at
     * {@code nowMs}; taking it restarts the schedule. Only the trainer task's learner checkpoints: the checkpoint
     * topic is its alone, and an embedding learner's adopted weights without their optimizer state and queue are no
     * place to resume from.
     *
     * @param caughtUp whether the trainer has trained on every window it holds: only then is a requested checkpoint
     *                 taken, so that a drain's last one covers them all
     */
    public synchronized Optional<ModelCheckpoint> checkpointIfDue(long nowMs, boolean caughtUp) {
        long step = learner.step();
        boolean answersRequest = requested != null && caughtUp;
        if (!trains || !answersRequest && !schedule.due(step, nowMs, newInputSinceCheckpoint)) {
            return Optional.empty();
        }
        ModelCheckpoint checkpoint = learner.checkpoint(Map.copyOf(seenOffsets));
        schedule.taken(step, nowMs);
        newInputSinceCheckpoint = false;
        if (answersRequest) {
            requested.complete(checkpoint);
            requested = null;
        }
        return Optional.of(checkpoint);
    }

    /**
     * The weights as a snapshot for the model topic, when this instance trains and the snapshot schedule says one
     * is due at {@code nowMs} and the weights changed since the last; the first call takes one at once, so followers
     * need not wait for a training step.
     */
    public synchronized Optional<ModelSnapshot> snapshotIfDue(long nowMs) {
        long step = learner.step();
        boolean first = snapshotVersion < 0;
        boolean due = snapshotSchedule.due(step, nowMs, true) && learner.modelVersion() != snapshotVersion;
        if (!trains || !(first || due)) {
            return Optional.empty();
        }
        snapshotSchedule.taken(step, nowMs);
        snapshotVersion = learner.modelVersion();
        return Optional.of(learner.snapshot());
    }

    /** Whether a snapshot was taken with this model's config: only such weights can be followed. */
    public boolean canFollow(ModelSnapshot snapshot) {
        return configHash.equals(snapshot.getConfigHash());
    }

    /**
     * Embeds with the snapshot's weights from the next micro-batch on, if it is newer than the weights in use. A
     * snapshot of the very version in use holds the same weights (a fresh follower's initial weights are the
     * trainer's version 0), so it too makes this learner hold the model.
     *
     * @return whether the weights changed
     * @throws IllegalArgumentException when {@link #canFollow} says no
     */
    public synchronized boolean follow(ModelSnapshot snapshot) {
        boolean adopted = learner.adopt(snapshot);
        holdsModel |= adopted || snapshot.getModelVersion() == learner.modelVersion();
        return adopted;
    }

    /** The offset after the newest record of {@code partition} ("topic-partition") the learner saw; 0 if none. */
    public synchronized long seenUpTo(String partition) {
        return seenOffsets.getOrDefault(partition, 0L);
    }

    /** False once closed: the trainer task's learner is closed when its task moves to another instance. */
    public synchronized boolean isOpen() {
        return open;
    }

    /** Whether this learner trains the model (and checkpoints it), or only follows it. */
    public boolean trains() {
        return trains;
    }

    /** The trainer always holds a model (restored or fresh); a follower once it restored or followed one. */
    public synchronized boolean holdsModel() {
        return trains || holdsModel;
    }

    /** The size of a checkpoint taken now, encoded: checked at start against what the checkpoint topic accepts. */
    public synchronized int checkpointBytes() {
        return Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.copyOf(seenOffsets))).length;
    }

    /**
     * Makes the next {@link #checkpointIfDue} that finds the trainer caught up take one whatever the schedule says:
     * the final checkpoint of a drain.
     * The future completes with that checkpoint as soon as a task has taken it; the task forwards it right after,
     * and it is on the topic once that task's transaction commits.
     */
    public synchronized CompletableFuture<ModelCheckpoint> requestCheckpoint() {
        if (requested == null) {
            requested = new CompletableFuture<>();
        }
        return requested;
    }

    /** Sources whose GRU state the learner carries, within {@link StreamSettings#sources()}. */
    public synchronized int sourcesCarried() {
        return learner.sourcesCarried();
    }

    public synchronized LearningProgress progress() {
        return progress.snapshot(learner.modelVersion());
    }

    @Override
    public synchronized void close() {
        open = false;
        learner.close();
    }

    private void saw(List<PendingWindow> batch) {
        for (PendingWindow window : batch) {
            seenOffsets.merge(window.inputPartition(), window.nextOffset(), Math::max);
        }
        newInputSinceCheckpoint = true;
    }
}
