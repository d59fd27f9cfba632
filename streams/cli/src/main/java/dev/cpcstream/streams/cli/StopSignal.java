package dev.cpcstream.streams.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Turns SIGTERM and Ctrl-C (SIGINT) into a request that the command answers itself: it stops, returns, and the
 * process exits with the command's own status. Without it the JVM runs its shutdown hooks and exits 143 or 130, a
 * status a supervisor reads as a failure. The first signal gives both back to the JVM, so a second one stops the
 * process at once, as an impatient user expects.
 */
final class StopSignal implements AutoCloseable {

    private static final String[] SIGNALS = {"TERM", "INT"};

    private final CountDownLatch requested = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> replaced = new HashMap<>();

    StopSignal() {
        this(() -> { });
    }

    /** @param onSignal what to do when the first signal arrives, on the signal's own thread */
    StopSignal(Runnable onSignal) {
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            replaced.put(signal, Signal.handle(signal, received -> {
                close();
                requested.countDown();
                onSignal.run();
            }));
        }
    }

    /** Blocks until SIGTERM or SIGINT arrives. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Gives the signals back to the JVM's own handling. */
    @Override
    public synchronized void close() {
        replaced.forEach(Signal::handle);
    }
}
