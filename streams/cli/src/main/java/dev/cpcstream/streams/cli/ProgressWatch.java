package dev.cpcstream.streams.cli;

import dev.cpcstream.streams.app.CpcStreamsApp;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Watches a running learner: a {@link StatusLine} every few seconds until Ctrl-C or until the run is over. */
final class ProgressWatch {

    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    /** How soon the end of the run is noticed. */
    private static final Duration TICK = Duration.ofMillis(100);

    private final CpcStreamsApp app;
    private final PrintWriter out;
    private final StatusLine line;

    ProgressWatch(CpcStreamsApp app, PrintWriter out, Instant start) {
        this.app = app;
        this.out = out;
        this.line = new StatusLine(start);
    }

    /** Blocks until a stop is requested or {@code over} turns true, printing the status as it goes. */
    void until(ShutdownSignal signal, BooleanSupplier over) throws InterruptedException {
        Instant nextStatus = Instant.now().plus(STATUS_EVERY);
        while (!signal.awaitRequest(TICK) && !over.getAsBoolean()) {
            if (!Instant.now().isBefore(nextStatus)) {
                printStatus();
                nextStatus = nextStatus.plus(STATUS_EVERY);
            }
        }
    }

    void printStatus() {
        out.println(line.next(app.status(), Instant.now()));
    }
}
