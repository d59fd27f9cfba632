package dev.cpcstream.streams.app;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamThreadFailuresTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Throwable> stopped = new ArrayList<>();

    /** As Kafka Streams hands it over: its own exception around the producer's. */
    private static Throwable sendFailed(RuntimeException cause) {
        return new StreamsException("Error encountered sending record to topic cpc.checkpoints", cause);
    }

    @Test
    void aBrokerErrorReplacesTheThreadUpToTheBudgetThenStops() {
        StreamThreadFailures failures = new StreamThreadFailures(2, clock::get, stopped::add);
        Throwable refused = sendFailed(new UnknownServerException("the broker ran out of direct memory"));

        assertEquals(REPLACE_THREAD, failures.handle(refused));
        clock.addAndGet(StreamThreadFailures.WINDOW.toNanos() / 2);
        assertEquals(REPLACE_THREAD, failures.handle(refused));
        assertEquals(List.of(), stopped);
        assertEquals(SHUTDOWN_CLIENT, failures.handle(refused));
        assertEquals(List.of(refused), stopped);
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        StreamThreadFailures failures = new StreamThreadFailures(1, clock::get, stopped::add);
        Throwable tooLarge = sendFailed(new RecordTooLargeException("too large"));

        assertEquals(REPLACE_THREAD, failures.handle(tooLarge));
        clock.addAndGet(StreamThreadFailures.WINDOW.toNanos() - 1);
        assertEquals(SHUTDOWN_CLIENT, failures.handle(tooLarge));

        StreamThreadFailures later = new StreamThreadFailures(1, clock::get, stopped::add);
        assertEquals(REPLACE_THREAD, later.handle(tooLarge));
        clock.addAndGet(StreamThreadFailures.WINDOW.toNanos());
        assertEquals(REPLACE_THREAD, later.handle(tooLarge));
    }

    @Test
    void bugsErrorsAndSecurityRefusalsStopAtOnce() {
        StreamThreadFailures failures = new StreamThreadFailures(3, clock::get, stopped::add);
        Set<Throwable> fatal = Set.of(
                new StreamsException("Exception caught in process", new IllegalStateException("a bug of ours")),
                sendFailed(new TopicAuthorizationException(Set.of("cpc.embeddings"))),
                new StreamsException(new OutOfMemoryError("Java heap space")),
                new StreamsException("out of memory while sending",
                        new OutOfMemoryError("Java heap space").initCause(new UnknownServerException("x"))));

        for (Throwable failure : fatal) {
            assertFalse(StreamThreadFailures.isBrokerError(failure), failure.toString());
            assertEquals(SHUTDOWN_CLIENT, failures.handle(failure));
        }
        assertEquals(fatal.size(), stopped.size());
        assertTrue(StreamThreadFailures.isBrokerError(sendFailed(new UnknownServerException("x"))));
    }

    @Test
    void zeroReplacementsStopsOnTheFirstFailure() {
        StreamThreadFailures failures = new StreamThreadFailures(0, clock::get, stopped::add);

        assertEquals(SHUTDOWN_CLIENT, failures.handle(sendFailed(new UnknownServerException("x"))));
        assertThrows(IllegalArgumentException.class, () -> new StreamThreadFailures(-1, clock::get, stopped::add));
    }
}
