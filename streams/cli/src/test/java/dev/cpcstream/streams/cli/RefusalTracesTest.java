package dev.cpcstream.streams.cli;

import ch.qos.logback.classic.spi.ThrowableProxy;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalTracesTest {

    private final RefusalTraces traces = started();

    private static RefusalTraces started() {
        RefusalTraces traces = new RefusalTraces();
        traces.start();
        return traces;
    }

    @Test
    void aRefusalIsLoggedAsItsMessagesWithoutFrames() {
        Exception refused = new StreamsException("sending failed",
                new TopicAuthorizationException(Set.of("cpc.embeddings")));

        String logged = traces.throwableProxyToString(new ThrowableProxy(refused));

        assertEquals("org.apache.kafka.streams.errors.StreamsException: sending failed" + System.lineSeparator()
                + "Caused by: org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access"
                + " topics: [cpc.embeddings]" + System.lineSeparator(), logged);
    }

    @Test
    void anyOtherExceptionKeepsItsStackTrace() {
        String logged = traces.throwableProxyToString(new ThrowableProxy(new IllegalStateException("a bug")));

        assertTrue(logged.contains("\tat dev.cpcstream.streams.cli.RefusalTracesTest."), logged);
    }
}
