package dev.cpcstream.monitoring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the streams side sets up, for tests: a Prometheus registry, the real {@link CpcMetrics} and a
 * {@link MetricsServer} on a free loopback port, read back over real HTTP.
 */
final class MonitoredApp implements AutoCloseable {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CpcMetrics metrics = new CpcMetrics(registry);
    final MetricsServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MonitoredApp() throws IOException {
        server = MetricsServer.start(MetricsServer.DEFAULT_ADDRESS, 0, registry, metrics.health());
    }

    HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET /metrics, checked to succeed, parsed. */
    PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = request("GET", "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return PrometheusText.parse(response.body());
    }

    @Override
    public void close() {
        server.close();
        metrics.close();
        registry.close();
    }
}
