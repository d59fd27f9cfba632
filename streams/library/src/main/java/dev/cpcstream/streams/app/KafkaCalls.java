package dev.cpcstream.streams.app;

import org.apache.kafka.common.KafkaFuture;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an admin call, turning its checked failures into one exception that says what was being done. */
final class KafkaCalls {

    /** Long enough for a broker under load, short enough that a wrong bootstrap.servers is reported soon. */
    private static final long TIMEOUT_SECONDS = 60;

    private KafkaCalls() {
    }

    static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer from the brokers in " + TIMEOUT_SECONDS
                    + " s (check bootstrap.servers)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
