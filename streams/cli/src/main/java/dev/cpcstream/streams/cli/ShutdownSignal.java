package dev.cpcstream.streams.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C or SIGTERM ({@link StopSignal}) into an orderly stop after which the command returns its own exit
 * status, 0 for a clean stop. Any other end of the JVM (SIGHUP, a second signal) still lets the command clean up
 * (draining, closing, printing its summary): a shutdown hook asks it to stop and waits for it, since the JVM ends
 * as soon as its hooks return.
 */
final class ShutdownSignal implements AutoCloseable {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch requestLatch = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Runnable onRequest;
    private final Thread hook;
    private final StopSignal signals;

    /**
     * @param onRequest       what to do first when asked to stop, on the asking thread (e.g. wake a blocked poll)
     * @param cleanupDeadline how long the hook lets the command clean up before the JVM exits anyway
     */
    ShutdownSignal(Runnable onRequest, Duration cleanupDeadline) {
        this.onRequest = onRequest;
        this.hook = new Thread(() -> {
            request();
            try {
                finished.await(cleanupDeadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpcstream-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        this.signals = new StopSignal(this::request);
    }

    /** Waits up to {@code timeout}; true if a stop was requested. */
    boolean awaitRequest(Duration timeout) throws InterruptedException {
        return requestLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean requested() {
        return requested.get();
    }

    /** The command has cleaned up: lets a waiting hook return, or removes the hook if the JVM is not exiting. */
    @Override
    public void close() {
        finished.countDown();
        signals.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting for another reason; the hook finds `finished` counted down.
        }
    }

    private void request() {
        if (requested.compareAndSet(false, true)) {
            requestLatch.countDown();
            onRequest.run();
        }
    }
}
