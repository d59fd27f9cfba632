package dev.cpcstream.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of /metrics and /health, over real HTTP. */
class MetricsServerTest {

    private final MonitoredApp app;

    MetricsServerTest() throws Exception {
        app = new MonitoredApp();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void portZeroPicksAFreeLoopbackPort() {
        assertNotEquals(0, app.server.port());
        assertTrue(app.server.address().getAddress().isLoopbackAddress());
    }

    @Test
    void aTakenPortFailsToStart() {
        PrometheusMeterRegistry other = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        assertThrows(IOException.class, () -> MetricsServer.start(MetricsServer.DEFAULT_ADDRESS, app.server.port(),
                other, app.metrics.health()));
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = app.request("GET", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals(MetricsServer.PROMETHEUS_TEXT, response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("# TYPE cpc_frames_in_total counter"));
    }

    @Test
    void healthIsNotReadyUntilTheModelIsRestoredAndStreamsRun() throws Exception {
        Health health = app.metrics.health();
        assertHealth(503, "{\"live\":true,\"ready\":false,\"modelRestored\":false,\"streams\":null}");

        health.onChange(State.REBALANCING, State.CREATED);
        health.modelRestored();
        assertHealth(503, "{\"live\":true,\"ready\":false,\"modelRestored\":true,\"streams\":\"REBALANCING\"}");
        assertEquals(0, app.scrape().value("cpc_ready"));

        health.onChange(State.RUNNING, State.REBALANCING);
        assertHealth(200, "{\"live\":true,\"ready\":true,\"modelRestored\":true,\"streams\":\"RUNNING\"}");
        assertEquals(1, app.scrape().value("cpc_ready"));

        health.onChange(State.PENDING_ERROR, State.RUNNING);
        assertHealth(503, "{\"live\":true,\"ready\":false,\"modelRestored\":true,\"streams\":\"PENDING_ERROR\"}");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> response = app.request("HEAD", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, app.request("GET", "/").statusCode());
        assertEquals(404, app.request("GET", "/metrics/extra").statusCode());
        HttpResponse<String> post = app.request("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    private void assertHealth(int status, String json) throws Exception {
        HttpResponse<String> response = app.request("GET", "/health");
        assertEquals(status, response.statusCode());
        assertEquals(json, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }
}
