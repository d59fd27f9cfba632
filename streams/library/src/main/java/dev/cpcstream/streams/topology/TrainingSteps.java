package dev.cpcstream.streams.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The trainer task's units of work (a step, and what is due after it), run one at a time in the order they were
 * handed over, with at most {@code depth} outstanding; their results are taken back in that order by the stream
 * thread, the only one that may forward records or touch the task's stores.
 *
 * <p>On a thread of its own, a step no longer holds up the frames tasks that share the trainer task's stream thread,
 * and a depth of two keeps the next batch ready so the trainer does not wait for the stream thread between steps.
 * On the caller's thread each unit is done when handed over, which is what a {@code TopologyTestDriver} needs.
 *
 * @param <T> what a unit returns
 */
final class TrainingSteps<T> implements AutoCloseable {

    /** One running, one ready. */
    private static final int OWN_THREAD_DEPTH = 2;

    private final ExecutorService thread;    // null: units run on the caller's thread
    private final int depth;
    private final Deque<Future<T>> outstanding = new ArrayDeque<>();

    private TrainingSteps(ExecutorService thread, int depth) {
        this.thread = thread;
        this.depth = depth;
    }

    /** Units on a daemon thread named {@code name}: a stream thread that dies must not keep the JVM up. */
    static <T> TrainingSteps<T> onOwnThread(String name) {
        return new TrainingSteps<>(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }), OWN_THREAD_DEPTH);
    }

    static <T> TrainingSteps<T> onCallerThread() {
        return new TrainingSteps<>(null, 1);
    }

    /** Whether another unit may be handed over. */
    boolean hasRoom() {
        return outstanding.size() < depth;
    }

    /** Whether no unit is outstanding, so the trainer's learner is free. */
    boolean idle() {
        return outstanding.isEmpty();
    }

    void submit(Callable<T> unit) {
        if (!hasRoom()) {
            throw new IllegalStateException(depth + " training units are already outstanding");
        }
        if (thread == null) {
            FutureTask<T> done = new FutureTask<>(unit);
            done.run();
            outstanding.add(done);
        } else {
            outstanding.add(thread.submit(unit));
        }
    }

    /**
     * The results of the finished units at the head, oldest first, each taken once; a unit that failed throws its
     * failure here, on the stream thread, as a step on that thread would have.
     */
    List<T> finished() {
        List<T> results = new ArrayList<>();
        while (!outstanding.isEmpty() && outstanding.peek().isDone()) {
            results.add(result(outstanding.poll()));
        }
        return results;
    }

    /**
     * Waits for the outstanding units and drops their results: the task is closing, and its windows stay in the
     * store for whoever restores the last checkpoint it forwarded.
     */
    @Override
    public void close() {
        try {
            while (!outstanding.isEmpty()) {
                try {
                    outstanding.poll().get();
                } catch (ExecutionException dropped) {
                    // the task is closing; what failed is trained on again by the next owner
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }

    private static <T> T result(Future<T> done) {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a training step failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a finished training step", e);
        }
    }
}
