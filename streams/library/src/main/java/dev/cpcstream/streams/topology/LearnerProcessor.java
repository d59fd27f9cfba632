package dev.cpcstream.streams.topology;

import dev.cpcstream.model.TrainResult;
import dev.cpcstream.monitoring.CpcMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Third processor, one per task: parks each window in the task's persistent pending-windows store, and drains the
 * store oldest first into micro-batches for the shared learner: when a batch is full, and on a wall-clock tick
 * for the partial rest, so no window waits longer than a tick. Every window's embedding is forwarded through this
 * task's context and the window deleted from the store in the same step, hence in the same exactly-once
 * transaction: a crash before the commit replays both, one after it has both done. The same tick and every
 * training step ask the learner owner for a due checkpoint and a due snapshot of the weights for the model topic.
 */
final class LearnerProcessor implements Processor<String, PendingWindow, String, Object> {

    private final LearnerOwner owner;
    private final StreamSettings settings;
    private final CpcMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, PendingWindow> pending;
    /** Store key of the next window: arrival order, which the store's byte order keeps (non-negative longs). */
    private long nextId;
    private long pendingCount;
    /** Micro-batches this task has learned since start; every {@code trainEvery}-th is trained on. */
    private long batches;

    LearnerProcessor(LearnerOwner owner, StreamSettings settings, CpcMetrics metrics) {
        this.owner = owner;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.pending = context.getStateStore(CpcNames.PENDING_WINDOWS_STORE);
        // Windows restored from the changelog (a crash before their embeddings were committed) go first.
        try (KeyValueIterator<Long, PendingWindow> windows = pending.all()) {
            while (windows.hasNext()) {
                nextId = windows.next().key + 1;
                pendingCount++;
            }
        }
        context.schedule(settings.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, PendingWindow> record) {
        pending.put(nextId++, record.value());
        pendingCount++;
        while (pendingCount >= settings.batchWindows()) {
            learnOneBatch();
        }
    }

    private void tick(long nowMs) {
        while (pendingCount > 0) {
            learnOneBatch();
        }
        forwardCheckpointIfDue(nowMs);
        forwardSnapshotIfDue(nowMs);
    }

    private void learnOneBatch() {
        List<KeyValue<Long, PendingWindow>> batch = oldestPending(settings.batchWindows());
        List<PendingWindow> windows = batch.stream().map(entry -> entry.value).toList();
        boolean train = settings.trainEnabled() && batches++ % settings.trainEvery() == 0;
        long start = System.nanoTime();
        Inference learned;
        if (train) {
            TrainResult result = owner.train(windows);
            metrics.trainStep(result, System.nanoTime() - start);
            learned = new Inference(result.embeddings().contexts(), result.embeddings().prototypes(),
                    result.update().step(), result.update().modelVersion());
        } else {
            learned = owner.embed(windows);
            metrics.inference(windows.size(), System.nanoTime() - start);
        }
        metrics.embeddings(learned.contexts());
        metrics.weightsInUse(learned.modelVersion());
        for (int i = 0; i < batch.size(); i++) {
            PendingWindow window = windows.get(i);
            var out = new LearnedWindow(window, learned.contexts()[i], learned.prototype(i), learned.step(),
                    learned.modelVersion(), train);
            context.forward(new Record<>(window.sourceId(), out, window.timestampMs()), CpcNames.PUBLISH_EMBEDDINGS);
            pending.delete(batch.get(i).key);
        }
        pendingCount -= batch.size();
        if (train) {
            forwardCheckpointIfDue(context.currentSystemTimeMs());
            forwardSnapshotIfDue(context.currentSystemTimeMs());
        }
    }

    private List<KeyValue<Long, PendingWindow>> oldestPending(int count) {
        List<KeyValue<Long, PendingWindow>> oldest = new ArrayList<>(count);
        try (KeyValueIterator<Long, PendingWindow> windows = pending.all()) {
            while (windows.hasNext() && oldest.size() < count) {
                oldest.add(windows.next());
            }
        }
        return oldest;
    }

    private void forwardCheckpointIfDue(long nowMs) {
        owner.checkpointIfDue(nowMs).ifPresent(checkpoint -> context.forward(
                new Record<>(CpcNames.CHECKPOINT_KEY, checkpoint, nowMs), CpcNames.PUBLISH_CHECKPOINTS));
    }

    private void forwardSnapshotIfDue(long nowMs) {
        owner.snapshotIfDue(nowMs).ifPresent(snapshot -> context.forward(
                new Record<>(CpcNames.SNAPSHOT_KEY, snapshot, nowMs), CpcNames.PUBLISH_SNAPSHOTS));
    }
}
