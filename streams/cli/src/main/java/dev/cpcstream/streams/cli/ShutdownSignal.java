package dev.cpcstream.streams.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or SIGTERM) into an orderly stop. The JVM's shutdown hook asks the command to stop and then waits
 * until the command has finished cleaning up (draining, closing, printing its summary), since the JVM ends as soon as
 * its hooks return.
 */
final class ShutdownSignal implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /**
     * @param onRequest       what to do first when asked to stop, on the hook's thread (e.g. wake a blocked poll)
     * @param cleanupDeadline how long the hook lets the command clean up before the JVM exits anyway
     */
    ShutdownSignal(Runnable onRequest, Duration cleanupDeadline) {
        this.hook = new Thread(() -> {
            requested.countDown();
            onRequest.run();
            try {
                finished.await(cleanupDeadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpcstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code timeout}; true if a stop was requested. */
    boolean awaitRequest(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** The command has cleaned up: lets a waiting hook return, or removes the hook if no stop was requested. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting for another reason; the hook will find `finished` counted down.
            }
        }
    }
}
