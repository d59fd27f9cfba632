package dev.cpcstream.streams.topology;

import dev.cpcstream.model.TrainResult;
import dev.cpcstream.monitoring.CpcMetrics;
import dev.cpcstream.monitoring.TrainingIntake;
import dev.cpcstream.schemas.Codecs;
import dev.cpcstream.schemas.ModelCheckpoint;
import dev.cpcstream.schemas.ModelSnapshot;
import dev.cpcstream.schemas.UndecodableRecordException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The trainer task's processor, on the one partition of the training-windows topic: the one learner that trains.
 * Its {@code init} restores that learner (from the newest checkpoint, through the supplier); it trains on the
 * windows in micro-batches, and forwards checkpoints and snapshots of the weights in the task's transaction.
 *
 * <p>Each window stays in the task's changelogged store, keyed by its offset in the training-windows topic, until
 * a checkpoint covers it. So when the task moves (its instance died), the new owner restores the checkpoint,
 * finds in the store exactly the windows consumed after it, and trains on them again: the restored lineage of
 * the model has learned every training window once.
 *
 * <p>The steps run on a thread of their own ({@link TrainingSteps}; {@link StreamSettings#trainOnOwnThread()}), so
 * the frames tasks that share this task's stream thread keep embedding while the model trains; only this thread
 * forwards, and what a step produced is forwarded when it is taken back, in the order of the steps.
 *
 * <p>Each window carries the wall-clock time the embedding side forwarded it. One that waited longer than the lag
 * budget ({@link StreamSettings#trainMaxLag()}) by the time it arrives, or by the time its turn for a step comes,
 * is passed over as stale: when the input outruns training, the trainer keeps to the freshest windows and its lag
 * stays bounded, rather than learning ever older input from a growing backlog. Passing one over costs only its
 * decoding, so the trainer catches up at once.
 */
final class TrainerProcessor implements Processor<String, PendingWindow, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(TrainerProcessor.class);

    private final Supplier<LearnerOwner> restore;
    /** "topic-partition" of the training windows: the key of their offsets in the checkpoint. */
    private final String trainingPartition;
    private final StreamSettings settings;
    private final CpcMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, PendingWindow> windows;
    private LearnerOwner trainer;
    private TrainingSteps<TrainedBatch> steps;
    /** Offset of the first window not trained on yet. */
    private long untrainedFrom;
    /** When each stored window was forwarded to the trainer, by offset, until it is handed to a step. */
    private final NavigableMap<Long, Long> forwardedAtMs = new TreeMap<>();
    /** Offset of the first window not yet handed to a step, and how many stored windows are not. */
    private long submittedFrom;
    private long unsubmitted;
    private long batches;

    TrainerProcessor(Supplier<LearnerOwner> restore, String trainingWindowsTopic, StreamSettings settings,
                     CpcMetrics metrics) {
        this.restore = restore;
        this.trainingPartition = trainingWindowsTopic + "-0";
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(CpcNames.TRAINING_WINDOWS_STORE);
        this.trainer = restore.get();
        continueFromNewestSnapshot(context.getStateStore(CpcNames.MODEL_STORE));
        untrainedFrom = trainer.seenUpTo(trainingPartition);
        submittedFrom = untrainedFrom;
        forgetCovered();
        try (KeyValueIterator<Long, PendingWindow> left = windows.all()) {
            for (; left.hasNext(); left.next()) {
                unsubmitted++;
            }
        }
        steps = settings.trainOnOwnThread() ? TrainingSteps.onOwnThread("cpc-trainer-" + context.taskId())
                : TrainingSteps.onCallerThread();
        log.info("trainer task {} holds the model at version {}; {} windows to train on again", context.taskId(),
                trainer.progress().modelVersion(), unsubmitted);
        context.schedule(settings.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    /**
     * A snapshot newer than the restored checkpoint: continue from the weights the followers already serve. What the
     * model store holds was checked by {@link ModelFollower}, which logs and counts what it refuses.
     */
    private void continueFromNewestSnapshot(KeyValueStore<String, byte[]> model) {
        byte[] newest = model.get(CpcNames.SNAPSHOT_KEY);
        if (newest == null) {
            return;
        }
        try {
            ModelSnapshot snapshot = Codecs.MODEL_SNAPSHOT.decode(newest);
            if (trainer.canFollow(snapshot)) {
                trainer.follow(snapshot);
            }
        } catch (UndecodableRecordException e) {
            log.warn("the model topic's newest record is not a snapshot; training goes on from the checkpoint");
        }
    }

    @Override
    public void process(Record<String, PendingWindow> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        long offset = source.offset();
        if (offset < untrainedFrom) {
            return;
        }
        long waitedMs = context.currentSystemTimeMs() - record.timestamp();
        if (isStale(waitedMs)) {
            metrics.trainingLag(waitedMs);
            metrics.trainingWindows(TrainingIntake.STALE, 1);
            return;
        }
        PendingWindow window = record.value();
        windows.put(offset, new PendingWindow(window.sourceId(), window.startSeq(), window.endSeq(),
                window.timestampMs(), window.samples(), trainingPartition, offset + 1));
        forwardedAtMs.put(offset, record.timestamp());
        unsubmitted++;
        advance(context.currentSystemTimeMs(), false);
    }

    private boolean isStale(long waitedMs) {
        long budgetMs = settings.trainMaxLag().toMillis();
        return budgetMs > 0 && waitedMs > budgetMs;
    }

    private void tick(long nowMs) {
        advance(nowMs, true);
    }

    /**
     * Publishes what the finished steps produced and hands over full batches while the steps have room; on a tick
     * with no step outstanding also the partial rest (a busy trainer lets the next batch fill instead), and what
     * the schedules say is due by now.
     */
    private void advance(long nowMs, boolean tick) {
        boolean handedOver;
        do {
            steps.finished().forEach(this::publish);
            handedOver = steps.hasRoom()
                    && (unsubmitted >= settings.batchWindows() || tick && steps.idle() && unsubmitted > 0);
            if (handedOver) {
                handOverBatch(nowMs);
            }
        } while (handedOver);
        if (tick && steps.idle()) {
            forward(trainer.checkpointIfDue(nowMs, unsubmitted == 0), trainer.snapshotIfDue(nowMs));
        }
    }

    /**
     * Hands the oldest stored windows to a step, passing over as stale those that have waited longer than the lag
     * budget since they were forwarded: the trainer takes windows in as they come, so its backlog waits here.
     */
    private void handOverBatch(long nowMs) {
        List<PendingWindow> inputs = new ArrayList<>(settings.batchWindows());
        int stale = 0;
        try (KeyValueIterator<Long, PendingWindow> stored = windows.range(submittedFrom, Long.MAX_VALUE)) {
            while (stored.hasNext() && inputs.size() < settings.batchWindows()) {
                KeyValue<Long, PendingWindow> window = stored.next();
                submittedFrom = window.key + 1;
                unsubmitted--;
                Long forwarded = forwardedAtMs.remove(window.key);   // none for windows restored from the store
                if (forwarded != null) {
                    metrics.trainingLag(nowMs - forwarded);
                    if (isStale(nowMs - forwarded)) {
                        stale++;
                        continue;
                    }
                }
                inputs.add(window.value);
            }
        }
        if (stale > 0) {
            metrics.trainingWindows(TrainingIntake.STALE, stale);
        }
        if (inputs.isEmpty()) {
            return;
        }
        boolean trains = batches++ % settings.trainEvery() == 0;
        long next = submittedFrom;
        steps.submit(() -> step(inputs, trains, next, nowMs));
    }

    /** On the steps' thread: the learner is the trainer's alone there, through its owner's lock. */
    private TrainedBatch step(List<PendingWindow> inputs, boolean trains, long nextUntrained, long nowMs) {
        long start = System.nanoTime();
        TrainResult result = null;
        if (trains) {
            result = trainer.train(inputs);
            metrics.sourcesCarried(true, trainer.sourcesCarried());
        } else {
            trainer.skip(inputs);
        }
        return new TrainedBatch(nextUntrained, inputs.size(), result, System.nanoTime() - start,
                trainer.checkpointIfDue(nowMs, false), trainer.snapshotIfDue(nowMs));
    }

    private void publish(TrainedBatch done) {
        if (done.result() != null) {
            metrics.trainStep(done.result(), done.nanos());
            metrics.trainingWindows(TrainingIntake.TRAINED, done.windows());
        } else {
            metrics.trainingWindows(TrainingIntake.THINNED, done.windows());
        }
        untrainedFrom = done.nextUntrained();
        forward(done.checkpoint(), done.snapshot());
    }

    private void forward(Optional<ModelCheckpoint> checkpoint, Optional<ModelSnapshot> snapshot) {
        long nowMs = context.currentSystemTimeMs();
        checkpoint.ifPresent(taken -> {
            context.forward(new Record<>(CpcNames.CHECKPOINT_KEY, taken, nowMs), CpcNames.PUBLISH_CHECKPOINTS);
            forgetCovered();
        });
        snapshot.ifPresent(taken -> context.forward(new Record<>(CpcNames.SNAPSHOT_KEY, taken, nowMs),
                CpcNames.PUBLISH_SNAPSHOTS));
    }

    /**
     * What one unit of the steps' thread did: the batch trained on (or thinned, with no result), and the checkpoint
     * and snapshot due after it, taken there so they hold exactly the steps before them.
     *
     * @param nextUntrained offset of the first window after the batch
     */
    private record TrainedBatch(long nextUntrained, int windows, TrainResult result, long nanos,
                                Optional<ModelCheckpoint> checkpoint, Optional<ModelSnapshot> snapshot) {
    }

    /** Deletes the windows the newest checkpoint covers, in the transaction that publishes it. */
    private void forgetCovered() {
        if (untrainedFrom == 0) {
            return;
        }
        List<Long> covered = new ArrayList<>();
        try (KeyValueIterator<Long, PendingWindow> old = windows.range(0L, untrainedFrom - 1)) {
            old.forEachRemaining(entry -> covered.add(entry.key));
        }
        covered.forEach(windows::delete);
    }

    @Override
    public void close() {
        if (steps != null) {
            steps.close();
        }
        if (trainer != null) {
            trainer.close();
        }
    }
}
