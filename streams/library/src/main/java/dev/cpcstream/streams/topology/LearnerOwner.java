package dev.cpcstream.streams.topology;

import dev.cpcstream.model.CpcConfig;
import dev.cpcstream.model.Embeddings;
import dev.cpcstream.model.OnlineLearner;
import dev.cpcstream.model.TrainResult;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The one {@link OnlineLearner} of an application instance, and the lock that every call to it holds.
 *
 * <p>Thread ownership: ND4J arrays and the learner's carried GRU states are not thread-safe, while Kafka Streams
 * runs the tasks of one instance on {@code num.stream.threads} threads, each task with its own learner processor
 * and micro-batches. They all share this owner; every public method is {@code synchronized} on it, so with more
 * than one stream thread the tasks take turns at the learner, one micro-batch at a time. cpcstream defaults to
 * {@code num.stream.threads=1}, where the lock is never contended; more threads only help when decoding and
 * assembly, not the model, are the bottleneck. Nothing else holds a reference to the learner: the owner creates it.
 *
 * <p>It also keeps what a checkpoint needs besides the learner: the input offsets the learner has seen windows
 * up to, and when the last checkpoint was taken.
 */
public final class LearnerOwner implements AutoCloseable {

    private final OnlineLearner learner;
    private final CpcConfig config;
    private final CheckpointSchedule schedule;
    /** "topic-partition" to the next offset after the newest input record whose windows the learner has seen. */
    private final Map<String, Long> seenOffsets;
    private final TrainingProgress progress = new TrainingProgress();
    private boolean newInputSinceCheckpoint;
    /** The caller waiting for a checkpoint whatever the schedule says; null when none is. */
    private CompletableFuture<ModelCheckpoint> requested;

    private LearnerOwner(OnlineLearner learner, Map<String, Long> seenOffsets, StreamSettings settings) {
        this.learner = learner;
        this.config = learner.config();
        this.seenOffsets = new TreeMap<>(seenOffsets);
        this.schedule = new CheckpointSchedule(settings.checkpointEverySteps(), settings.checkpointInterval(),
                learner.step());
    }

    /** A fresh model, initialised from {@code config.seed()}. */
    public static LearnerOwner fresh(CpcConfig config, StreamSettings settings) {
        return new LearnerOwner(new OnlineLearner(config), Map.of(), settings);
    }

    /** The model exactly as checkpointed, remembering the input offsets the checkpoint covers. */
    public static LearnerOwner restored(ModelCheckpoint checkpoint, StreamSettings settings) {
        return new LearnerOwner(OnlineLearner.restore(checkpoint), checkpoint.getInputOffsets(), settings);
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

    /** Inference only, for the batches not trained on and for a frozen model. */
    public synchronized Inference embed(List<PendingWindow> batch) {
        Embeddings embeddings = learner.embedWithPrototypes(batch.stream().map(PendingWindow::toWindow).toList());
        saw(batch);
        return new Inference(embeddings.contexts(), embeddings.prototypes(), learner.step(), learner.modelVersion());
    }

    /**
     * The learner's checkpoint if the schedule (or {@link #requestCheckpoint()}) says one is due at
     * {@code nowMs}; taking it restarts the schedule.
     */
    public synchronized Optional<ModelCheckpoint> checkpointIfDue(long nowMs) {
        long step = learner.step();
        if (requested == null && !schedule.due(step, nowMs, newInputSinceCheckpoint)) {
            return Optional.empty();
        }
        ModelCheckpoint checkpoint = learner.checkpoint(Map.copyOf(seenOffsets));
        schedule.taken(step, nowMs);
        newInputSinceCheckpoint = false;
        if (requested != null) {
            requested.complete(checkpoint);
            requested = null;
        }
        return Optional.of(checkpoint);
    }

    /** The size of a checkpoint taken now, encoded: checked at start against what the checkpoint topic accepts. */
    public synchronized int checkpointBytes() {
        return Codecs.MODEL_CHECKPOINT.encode(learner.checkpoint(Map.copyOf(seenOffsets))).length;
    }

    /**
     * Makes the next {@link #checkpointIfDue} take one whatever the schedule says: the final checkpoint of a drain.
     * The future completes with that checkpoint as soon as a task has taken it; the task forwards it right after,
     * and it is on the topic once that task's transaction commits.
     */
    public synchronized CompletableFuture<ModelCheckpoint> requestCheckpoint() {
        if (requested == null) {
            requested = new CompletableFuture<>();
        }
        return requested;
    }

    public synchronized LearningProgress progress() {
        return progress.snapshot(learner.modelVersion());
    }

    @Override
    public synchronized void close() {
        learner.close();
    }

    private void saw(List<PendingWindow> batch) {
        for (PendingWindow window : batch) {
            seenOffsets.merge(window.inputPartition(), window.nextOffset(), Math::max);
        }
        newInputSinceCheckpoint = true;
    }
}
