package dev.cpcstream.streams.topology;

import dev.cpcstream.monitoring.CpcMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * Third processor, one per frames task: parks each window in the task's persistent pending-windows store, and
 * drains the store oldest first into micro-batches for the instance's embedding learner, which uses the weights
 * followed from the model topic and never trains: when a batch is full, and on a wall-clock tick for the partial
 * rest, so no window waits longer than a tick. Every window's embedding, and the window itself when it is chosen
 * for training (to the one trainer task, through the training-windows topic), are forwarded through this task's
 * context and the window deleted from the store in the same step, hence in the same exactly-once transaction: a
 * crash before the commit replays all three, one after it has all done.
 */
final class LearnerProcessor implements Processor<String, PendingWindow, String, Object> {

    private final LearnerOwner owner;
    private final StreamSettings settings;
    private final TrainingChoice choice;
    private final CpcMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, PendingWindow> pending;
    /** Store key of the next window: arrival order, which the store's byte order keeps (non-negative longs). */
    private long nextId;
    private long pendingCount;

    LearnerProcessor(LearnerOwner owner, StreamSettings settings, CpcMetrics metrics) {
        this.owner = owner;
        this.settings = settings;
        this.choice = new TrainingChoice(settings.trainFraction());
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
    }

    private void learnOneBatch() {
        List<KeyValue<Long, PendingWindow>> batch = StoredWindows.oldest(pending, 0L, settings.batchWindows());
        List<PendingWindow> windows = batch.stream().map(entry -> entry.value).toList();
        long start = System.nanoTime();
        Inference learned = owner.embed(windows);
        metrics.inference(windows.size(), System.nanoTime() - start);
        metrics.embeddings(learned.contexts());
        metrics.weightsInUse(learned.modelVersion());
        metrics.sourcesCarried(false, owner.sourcesCarried());
        for (int i = 0; i < batch.size(); i++) {
            PendingWindow window = windows.get(i);
            boolean train = settings.trainEnabled() && choice.chosen(window);
            var out = new LearnedWindow(window, learned.contexts()[i], learned.prototype(i),
                    learned.ownFrameLoss(i), learned.step(), learned.modelVersion(), train);
            context.forward(new Record<>(window.sourceId(), out, window.timestampMs()), CpcNames.PUBLISH_EMBEDDINGS);
            if (train) {
                // stamped with the wall clock, not event time: the trainer measures how long a window waited for it
                context.forward(new Record<>(window.sourceId(), window, context.currentSystemTimeMs()),
                        CpcNames.TRAINING_WINDOWS_SINK);
            }
            pending.delete(batch.get(i).key);
        }
        pendingCount -= batch.size();
    }
}
