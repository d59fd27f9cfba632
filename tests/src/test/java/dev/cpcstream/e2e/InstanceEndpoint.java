package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /health} and {@code /metrics} endpoint of one {@code cpcstream run} process, found by the address the
 * process logs when it starts serving ({@code cpc.metrics.port=0} picks a free port).
 */
final class InstanceEndpoint {

    private static final Pattern SERVING = Pattern.compile("Serving /metrics and /health on http://([^:\\s]+):(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliProcess process;
    private final URI base;

    private InstanceEndpoint(CliProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Waits for {@code run} to serve its endpoint. */
    static InstanceEndpoint of(CliProcess run, Duration timeout) throws InterruptedException {
        Matcher serving = run.awaitMatch(SERVING, timeout);
        return new InstanceEndpoint(run, URI.create("http://" + serving.group(1) + ":" + serving.group(2)));
    }

    /** The {@code /health} answer: {@code live}, {@code ready}, {@code modelRestored}, {@code streams}. */
    JsonNode health() throws InterruptedException {
        try {
            return JSON.readTree(get("/health"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sum of the samples of {@code name} in the Prometheus text of {@code /metrics}; 0 when it has none. */
    double metric(String name) throws InterruptedException {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$");
        return get("/metrics").lines().map(sample::matcher).filter(Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(2))).sum();
    }

    /** As {@link #metric(String)}, over the samples of {@code name} whose {@code label} is {@code value}. */
    double metric(String name, String label, String value) throws InterruptedException {
        String labelled = Pattern.quote(label + "=\"" + value + "\"");
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*\\b" + labelled + "[^}]*} (\\S+)$");
        return get("/metrics").lines().map(sample::matcher).filter(Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
    }

    CliProcess process() {
        return process;
    }

    private String get(String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(process.log() + ": GET " + path + " failed", e);
        }
    }
}
