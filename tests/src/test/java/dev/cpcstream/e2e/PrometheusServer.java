package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) scraping one target every second, with its storage
 * in a test directory and its web API on a free loopback port. Fails, saying how to install it, when the binary is
 * missing: CI installs it ({@code .ci/run}).
 */
final class PrometheusServer implements AutoCloseable {

    /** The job name the alert rules select ({@code up{job="cpcstream"}}). */
    static final String JOB = "cpcstream";
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, URI api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts Prometheus on {@code target}, evaluating {@code ruleFile}, and waits until it is ready. */
    static PrometheusServer start(Path dir, InetSocketAddress target, Path ruleFile) throws Exception {
        Path binary = binary();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + ruleFile.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    static_configs:",
                "      - targets: [\"" + instance(target) + "\"]",
                ""));
        String web = "127.0.0.1:" + freeLoopbackPort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=" + web)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, URI.create("http://" + web));
        try {
            server.awaitReady();
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** The {@code instance} label Prometheus gives the series it scrapes from {@code target}. */
    static String instance(InetSocketAddress target) {
        return target.getHostString() + ":" + target.getPort();
    }

    /**
     * Polls the instant query {@code promQl} until one of its samples satisfies {@code wanted}, and returns it;
     * fails with the last answer and Prometheus' log when {@code within} passes first.
     */
    double awaitSample(String promQl, Predicate<Double> wanted, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = query(promQl);
            for (JsonNode sample : last.path("data").path("result")) {
                double value = number(sample.path("value"));
                if (wanted.test(value)) {
                    return value;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        return fail("Prometheus gave no wanted sample of " + promQl + " within " + within + "; last answer " + last
                + "\n" + logTail());
    }

    /** The value of the one series the instant query {@code promQl} answers with; fails on none or several. */
    double value(String promQl) throws Exception {
        return number(onlySeries(promQl).path("value"));
    }

    /** Every series the instant query {@code promQl} answers with, each with its {@code metric} labels. */
    JsonNode series(String promQl) throws Exception {
        return query(promQl).path("data").path("result");
    }

    /** Every value Prometheus scraped of the one series {@code selector} names within {@code range}, oldest first. */
    List<Double> history(String selector, Duration range) throws Exception {
        List<Double> values = new ArrayList<>();
        onlySeries(selector + "[" + range.toSeconds() + "s]").path("values").forEach(v -> values.add(number(v)));
        return values;
    }

    /** The {@code data.groups} of {@code /api/v1/rules}: every rule group with each rule's health. */
    JsonNode ruleGroups() throws Exception {
        return get("/api/v1/rules").path("data").path("groups");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private JsonNode onlySeries(String promQl) throws Exception {
        JsonNode series = series(promQl);
        if (series.size() != 1) {
            fail("Prometheus answered " + promQl + " with " + series.size() + " series, not one: " + series);
        }
        return series.get(0);
    }

    /** A sample is [unix time, "number as a string"]; NaN and ±Inf come as "NaN", "+Inf". */
    private static double number(JsonNode sample) {
        return Double.parseDouble(sample.path(1).asText().replace("Inf", "Infinity"));
    }

    private JsonNode query(String promQl) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("Prometheus answered " + response.statusCode() + " to " + pathAndQuery + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("Prometheus exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(api.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting: ask again.
            }
            Thread.sleep(POLL.toMillis());
        }
        fail("Prometheus was not ready within " + READY_WITHIN + "\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "Prometheus log (last lines):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no Prometheus log: " + e.getMessage() + ")";
        }
    }

    private static Path binary() {
        Optional<Path> found = Optional.of(Path.of("/usr/bin/prometheus")).filter(Files::isExecutable)
                .or(() -> onPath("prometheus"));
        return found.orElseGet(() -> fail("the Prometheus end-to-end test needs the prometheus binary, which is not"
                + " installed: apt-get install prometheus (as .ci/run does), or put one on the PATH"));
    }

    private static Optional<Path> onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A port nobody listens on now; Prometheus binds it a moment later, a race the test accepts. */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
