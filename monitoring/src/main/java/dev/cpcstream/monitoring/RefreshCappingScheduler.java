package dev.cpcstream.monitoring;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread scheduler that runs periodic tasks at most {@code cap} apart, whatever period they ask for.
 *
 * <p>Why: Micrometer's Kafka binders look for new Kafka metrics every 60 s, a period they do not let callers
 * change, and Kafka Streams creates its task-level metrics only when tasks are assigned, after the client started.
 * Handing the binder this scheduler makes new tasks' metrics appear within {@code cap} of a rebalance.
 */
final class RefreshCappingScheduler extends ScheduledThreadPoolExecutor {

    private final long capNanos;

    RefreshCappingScheduler(Duration cap, String threadName) {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.capNanos = cap.toNanos();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(command, capped(initialDelay, unit), capped(period, unit),
                TimeUnit.NANOSECONDS);
    }

    private long capped(long delay, TimeUnit unit) {
        return Math.min(unit.toNanos(delay), capNanos);
    }
}
