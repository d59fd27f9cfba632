package dev.cpcstream.streams.app;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a failed stream thread costs. A broker's error (one refused write, a broker out of memory, a timeout) costs
 * the thread, not the application: Kafka Streams replaces it, exactly once aborts its open transaction, its tasks
 * resume from their last commit and the trainer from its newest checkpoint. A bug, a JVM error, or a refusal that
 * does not heal (authentication, authorization) stops the application, and so does a broker error that keeps
 * coming back: at most {@code replacements} replacements within {@link #WINDOW}.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** Long enough that a failure on every checkpoint (one a minute by default) runs the budget out. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final int replacements;
    private final LongSupplier nanoTime;
    private final Consumer<Throwable> onStop;
    private final Deque<Long> recent = new ArrayDeque<>();

    /**
     * @param replacements replacements allowed within {@link #WINDOW}; 0 stops on the first failure
     * @param onStop       told the failure that stops the application, on the failed thread, before it stops
     */
    StreamThreadFailures(int replacements, LongSupplier nanoTime, Consumer<Throwable> onStop) {
        if (replacements < 0) {
            throw new IllegalArgumentException("replacements must be >= 0, got " + replacements);
        }
        this.replacements = replacements;
        this.nanoTime = nanoTime;
        this.onStop = onStop;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        long now = nanoTime.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW.toNanos()) {
            recent.removeFirst();
        }
        boolean brokerError = isBrokerError(failure);
        if (brokerError && recent.size() < replacements) {
            recent.addLast(now);
            log.warn("a stream thread failed on a broker's error; replacing it ({} of {} replacements within {} min),"
                    + " its tasks resume from their last commit", recent.size(), replacements, WINDOW.toMinutes(),
                    failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        onStop.accept(failure);
        log.error(brokerError
                ? "a stream thread failed on a broker's error once more than the " + replacements
                        + " replacements allowed within " + WINDOW.toMinutes() + " min; stopping the application"
                : "a stream thread failed; stopping the application", failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * Whether the root cause is an error the broker (or the client on its behalf) reported, other than a security
     * refusal, which a new thread would meet again.
     */
    static boolean isBrokerError(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof Error) {
                return false;
            }
            root = root.getCause();
        }
        return root instanceof ApiException && !(root instanceof AuthenticationException
                || root instanceof AuthorizationException || root instanceof SecurityDisabledException);
    }
}
