package dev.cpcstream.streams.app;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an admin call, turning its checked failures into one exception that says what was being done. */
final class KafkaCalls {

    /** Long enough for a broker under load, short enough that a wrong bootstrap.servers is reported soon. */
    private static final long TIMEOUT_SECONDS = 60;
    private static final long PAUSE_MS = 100;

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

    /**
     * The topic's description; a topic created a moment ago is waited for, as the broker answering may not have
     * applied its creation yet.
     */
    static TopicDescription describeTopic(Admin admin, String topic) {
        Instant deadline = Instant.now().plusSeconds(TIMEOUT_SECONDS);
        while (true) {
            try {
                return get(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic).get(topic);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }
}
